import type { DataSource, EntityManager } from 'typeorm';
import { qualifiedTable } from '@sanshe/persistence';

/** One account as recomputed from its lines. */
export interface AccountCheck {
  accountId: string;
  currency: string;
  storedFen: string;
  recomputedFen: string;
  lines: number;
  ok: boolean;
}

export type LedgerMismatch =
  | { kind: 'account-balance'; account: string; storedFen: string; recomputedFen: string }
  | { kind: 'entry-unbalanced'; entryId: string; idempotencyKey: string; debitsFen: string; creditsFen: string }
  | { kind: 'entry-currency'; entryId: string; idempotencyKey: string; currency: string };

export interface LedgerVerifyReport {
  ledgerVerify: 'ok' | 'mismatch';
  accounts: number;
  entries: number;
  mismatches: LedgerMismatch[];
}

interface EntryRow {
  entry_id: string;
  idempotency_key: string;
  currency: string;
  lines: string;
  debits: string;
  credits: string;
  foreign_lines: string;
}

/**
 * Recomputes every account's balance from the journal lines (in numeric, no overflow) and checks every
 * entry: at least two lines, debits = credits, all its accounts in its currency. Read-only, in one
 * REPEATABLE READ snapshot so a posting committing meanwhile is seen whole or not at all.
 */
export async function verifyLedger(
  dataSource: DataSource,
  schema: string,
): Promise<{ report: LedgerVerifyReport; accounts: AccountCheck[] }> {
  return dataSource.transaction('REPEATABLE READ', async (manager) => {
    const accounts = await checkAccounts(manager, schema);
    const { entries, mismatches } = await checkEntries(manager, schema);
    const accountMismatches: LedgerMismatch[] = accounts
      .filter((account) => !account.ok)
      .map((a) => ({
        kind: 'account-balance',
        account: a.accountId,
        storedFen: a.storedFen,
        recomputedFen: a.recomputedFen,
      }));
    const all = [...accountMismatches, ...mismatches];
    return {
      report: { ledgerVerify: all.length ? 'mismatch' : 'ok', accounts: accounts.length, entries, mismatches: all },
      accounts,
    };
  });
}

async function checkAccounts(manager: EntityManager, schema: string): Promise<AccountCheck[]> {
  const rows = await manager.query<
    { account_id: string; currency: string; stored: string; recomputed: string; lines: string }[]
  >(
    `SELECT a.account_id, a.currency, a.balance_fen::text AS stored,
            coalesce(sum(CASE WHEN l.side = a.normal_side THEN l.amount_fen::numeric ELSE -l.amount_fen::numeric END),
                     0)::text AS recomputed,
            count(l.entry_id)::text AS lines
       FROM ${qualifiedTable(schema, 'ledger_account')} a
       LEFT JOIN ${qualifiedTable(schema, 'journal_line')} l ON l.account_id = a.account_id
      GROUP BY a.account_id ORDER BY a.account_id`,
  );
  return rows.map((row) => ({
    accountId: row.account_id,
    currency: row.currency,
    storedFen: row.stored,
    recomputedFen: row.recomputed,
    lines: Number.parseInt(row.lines, 10),
    ok: BigInt(row.stored) === BigInt(row.recomputed),
  }));
}

async function checkEntries(
  manager: EntityManager,
  schema: string,
): Promise<{ entries: number; mismatches: LedgerMismatch[] }> {
  const [{ count }] = await manager.query<{ count: string }[]>(
    `SELECT count(*)::text AS count FROM ${qualifiedTable(schema, 'journal_entry')}`,
  );
  const rows = await manager.query<EntryRow[]>(
    `SELECT e.entry_id, e.idempotency_key, e.currency, count(l.line_no)::text AS lines,
            coalesce(sum(l.amount_fen) FILTER (WHERE l.side = 'debit'), 0)::text AS debits,
            coalesce(sum(l.amount_fen) FILTER (WHERE l.side = 'credit'), 0)::text AS credits,
            count(*) FILTER (WHERE a.currency <> e.currency)::text AS foreign_lines
       FROM ${qualifiedTable(schema, 'journal_entry')} e
       LEFT JOIN ${qualifiedTable(schema, 'journal_line')} l ON l.entry_id = e.entry_id
       LEFT JOIN ${qualifiedTable(schema, 'ledger_account')} a ON a.account_id = l.account_id
      GROUP BY e.entry_id
     HAVING count(l.line_no) < 2
         OR coalesce(sum(l.amount_fen) FILTER (WHERE l.side = 'debit'), 0)
            <> coalesce(sum(l.amount_fen) FILTER (WHERE l.side = 'credit'), 0)
         OR count(*) FILTER (WHERE a.currency <> e.currency) > 0
      ORDER BY e.entry_id`,
  );
  const mismatches = rows.map((row): LedgerMismatch => {
    const base = { entryId: row.entry_id, idempotencyKey: row.idempotency_key };
    return row.foreign_lines !== '0' && row.debits === row.credits && row.lines !== '0' && row.lines !== '1'
      ? { kind: 'entry-currency', ...base, currency: row.currency }
      : { kind: 'entry-unbalanced', ...base, debitsFen: row.debits, creditsFen: row.credits };
  });
  return { entries: Number.parseInt(count, 10), mismatches };
}

/** The report as a text table (one row per account, then the broken entries) for the CLI. */
export function ledgerTable(accounts: AccountCheck[], report: LedgerVerifyReport): string[] {
  const widths = [Math.max(7, ...accounts.map((a) => a.accountId.length)), 8, 20, 20, 6];
  const row = (cells: string[]) => cells.map((cell, i) => cell.padEnd(widths[i])).join('  ');
  const lines = [row(['account', 'currency', 'stored fen', 'recomputed fen', 'status'])];
  for (const a of accounts)
    lines.push(row([a.accountId, a.currency, a.storedFen, a.recomputedFen, a.ok ? 'ok' : 'MISMATCH']));
  for (const m of report.mismatches) {
    if (m.kind !== 'account-balance') lines.push(`${m.kind.toUpperCase()} entry ${m.entryId} (${m.idempotencyKey})`);
  }
  lines.push(`${report.accounts} accounts, ${report.entries} entries, ${report.mismatches.length} mismatches`);
  return lines;
}
