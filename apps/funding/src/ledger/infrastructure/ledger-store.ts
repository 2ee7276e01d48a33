import type { EntityManager } from 'typeorm';
import { qualifiedTable } from '@sanshe/persistence';
import type {
  AccountBalance,
  AccountDefinition,
  AccountOwnerKind,
  AccountPurpose,
  NormalSide,
} from '../domain/accounts';
import { fenFromPg, nullableFenFromPg } from '../domain/fen';
import { LedgerError } from '../domain/ledger-errors';
import type { Posting } from '../domain/postings';

interface AccountRow {
  account_id: string;
  owner_kind: AccountOwnerKind;
  owner_id: string;
  purpose: AccountPurpose;
  currency: string;
  normal_side: NormalSide;
  balance_fen: string;
  cap_fen: string | null;
}

type LockedRow = AccountRow & { existing_id: string | null; existing_hash: string | null };

/** An entry already stored under a key: its id and content hash. */
export interface StoredEntryRef {
  entryId: string;
  contentHash: string;
}

const ACCOUNT_COLUMNS = 'account_id, owner_kind, owner_id, purpose, currency, normal_side, balance_fen, cap_fen';

const toBalance = (row: AccountRow): AccountBalance => ({
  accountId: row.account_id,
  ownerKind: row.owner_kind,
  ownerId: row.owner_id,
  purpose: row.purpose,
  currency: row.currency,
  normalSide: row.normal_side,
  balanceFen: fenFromPg(row.balance_fen),
  capFen: nullableFenFromPg(row.cap_fen),
});

const CHECK_REFUSALS: Record<string, 'insufficient-funds' | 'award-exceeded'> = {
  ledger_account_not_negative: 'insufficient-funds',
  ledger_account_within_cap: 'award-exceeded',
};

/**
 * The database's balance CHECKs as the ledger's refusal (the code refuses first on locked rows; this is
 * the backstop should it ever not). The transaction is aborted by then: the caller's work rolls back.
 */
function asBalanceRefusal(err: unknown): unknown {
  const driverError = (err as { driverError?: { code?: string; constraint?: string; detail?: string } }).driverError;
  const code = driverError?.code === '23514' ? CHECK_REFUSALS[driverError.constraint ?? ''] : undefined;
  if (!code) return err;
  const account = /Failing row contains \(([^,]+),/.exec(driverError?.detail ?? '')?.[1] ?? 'an account';
  return new LedgerError(code, `${account}: the database refused the balance (${driverError?.constraint})`, undefined, {
    cause: err,
  });
}

/** The ledger's SQL, every statement in the caller's transaction (its EntityManager). */
export class LedgerStore {
  private readonly accounts: string;
  private readonly entries: string;
  private readonly lines: string;

  constructor(schema: string) {
    this.accounts = qualifiedTable(schema, 'ledger_account');
    this.entries = qualifiedTable(schema, 'journal_entry');
    this.lines = qualifiedTable(schema, 'journal_line');
  }

  /** Opens the accounts that do not exist yet (one statement); returns every one of them as stored. */
  async openAccounts(manager: EntityManager, accounts: AccountDefinition[]): Promise<AccountBalance[]> {
    await manager.query(
      `INSERT INTO ${this.accounts} (account_id, owner_kind, owner_id, purpose, currency, normal_side, cap_fen)
       SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::bigint[])
       ON CONFLICT (account_id) DO NOTHING`,
      [
        accounts.map((a) => a.accountId),
        accounts.map((a) => a.ownerKind),
        accounts.map((a) => a.ownerId),
        accounts.map((a) => a.purpose),
        accounts.map((a) => a.currency),
        accounts.map((a) => a.normalSide),
        accounts.map((a) => (a.capFen === null ? null : String(a.capFen))),
      ],
    );
    return [
      ...(
        await this.read(
          manager,
          accounts.map((a) => a.accountId),
        )
      ).values(),
    ];
  }

  async read(manager: EntityManager, accountIds: readonly string[]): Promise<Map<string, AccountBalance>> {
    const rows = await manager.query<AccountRow[]>(
      `SELECT ${ACCOUNT_COLUMNS} FROM ${this.accounts} WHERE account_id = ANY($1::text[])`,
      [accountIds],
    );
    return new Map(rows.map((row) => [row.account_id, toBalance(row)]));
  }

  /**
   * Locks the accounts in account-id order (so two postings over the same accounts never deadlock) and,
   * in the same round trip, looks up the key's entry if one is already stored.
   */
  async lockForPosting(
    manager: EntityManager,
    accountIds: readonly string[],
    idempotencyKey: string,
  ): Promise<{ accounts: Map<string, AccountBalance>; existing: StoredEntryRef | null }> {
    const rows = await manager.query<LockedRow[]>(
      `SELECT ${ACCOUNT_COLUMNS}, e.entry_id AS existing_id, e.content_hash AS existing_hash
         FROM (VALUES (1)) AS one
         LEFT JOIN (SELECT ${ACCOUNT_COLUMNS} FROM ${this.accounts} WHERE account_id = ANY($1::text[])
                     ORDER BY account_id FOR NO KEY UPDATE) a ON true
         LEFT JOIN (SELECT entry_id, content_hash FROM ${this.entries} WHERE idempotency_key = $2) e ON true`,
      [accountIds, idempotencyKey],
    );
    const [first] = rows;
    return {
      accounts: new Map(rows.filter((row) => row.account_id !== null).map((row) => [row.account_id, toBalance(row)])),
      existing:
        first?.existing_id && first.existing_hash
          ? { entryId: first.existing_id, contentHash: first.existing_hash }
          : null,
    };
  }

  async findEntry(manager: EntityManager, idempotencyKey: string): Promise<StoredEntryRef | null> {
    const [row] = await manager.query<{ entry_id: string; content_hash: string }[]>(
      `SELECT entry_id, content_hash FROM ${this.entries} WHERE idempotency_key = $1`,
      [idempotencyKey],
    );
    return row ? { entryId: row.entry_id, contentHash: row.content_hash } : null;
  }

  /**
   * The entry, its lines and the balance moves in ONE statement; nothing when the key is already taken
   * (ON CONFLICT DO NOTHING, which waits for a concurrent insert of the key to commit). Returns whether
   * it was written. `deltas` are the balance changes per account, from the pure rules.
   */
  async append(
    manager: EntityManager,
    entryId: string,
    posting: Posting,
    contentHash: string,
    deltas: Map<string, number>,
  ): Promise<boolean> {
    const rows = await manager
      .query<unknown[]>(
        `WITH entry AS (
         INSERT INTO ${this.entries} (entry_id, idempotency_key, content_hash, kind, cause_type, cause_id, currency)
         VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT (idempotency_key) DO NOTHING RETURNING entry_id),
       written_lines AS (
         INSERT INTO ${this.lines} (entry_id, line_no, account_id, side, amount_fen)
         SELECT entry.entry_id, line.no, line.account_id, line.side, line.amount_fen
           FROM entry, unnest($8::text[], $9::text[], $10::bigint[]) WITH ORDINALITY
                AS line(account_id, side, amount_fen, no)),
       moved AS (
         UPDATE ${this.accounts} account SET balance_fen = account.balance_fen + delta.fen
           FROM entry, unnest($11::text[], $12::bigint[]) AS delta(account_id, fen)
          WHERE account.account_id = delta.account_id)
       SELECT entry_id FROM entry`,
        [
          entryId,
          posting.idempotencyKey,
          contentHash,
          posting.kind,
          posting.cause.type,
          posting.cause.id,
          posting.currency,
          posting.lines.map((line) => line.accountId),
          posting.lines.map((line) => line.side),
          posting.lines.map((line) => String(line.amountFen)),
          [...deltas.keys()],
          [...deltas.values()].map(String),
        ],
      )
      .catch((err: unknown) => Promise.reject(asBalanceRefusal(err)));
    return rows.length > 0;
  }
}
