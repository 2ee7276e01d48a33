import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { getDataSourceToken } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { schemaNameOf } from '@sanshe/persistence';
import { type AccountBalance, type AccountDefinition, grantAccounts, programAccounts } from '../domain/accounts';
import { assertBalancedPosting, balanceMoves } from '../domain/balance-rules';
import { postingContentHash } from '../domain/content-hash';
import { LedgerError } from '../domain/ledger-errors';
import type { Posting } from '../domain/postings';
import { LedgerStore, type StoredEntryRef } from '../infrastructure/ledger-store';

/** What `post` did: the entry (new, or the original one when the key was posted before). */
export interface PostResult {
  entryId: string;
  replayed: boolean;
}

/** The refusals a concurrent post of the same key may have caused: re-checked against the stored key. */
const BALANCE_REFUSALS = new Set(['insufficient-funds', 'award-exceeded']);

/**
 * The double-entry ledger (docs: apps/funding/README.md "Ledger"). Every call joins the caller's
 * transaction (its EntityManager), so a posting commits with the fact it records or not at all. A refusal
 * is thrown before anything is written, so the caller's transaction stays usable (e.g. to void a grant
 * whose reservation found the budget spent).
 */
@Injectable()
export class Ledger {
  private readonly store: LedgerStore;

  constructor(@Inject(getDataSourceToken()) dataSource: DataSource) {
    this.store = new LedgerStore(schemaNameOf(dataSource));
  }

  /** A program's `source` and `available` accounts; opening them again changes nothing. */
  async openProgramAccounts(manager: EntityManager, programId: string, currency: string): Promise<void> {
    await this.open(manager, programAccounts(programId, currency));
  }

  /** A grant's accounts, `reserved` and `paid` capped at the award; idempotent for the same award. */
  async openGrantAccounts(manager: EntityManager, grantId: string, currency: string, awardFen: number): Promise<void> {
    await this.open(manager, grantAccounts(grantId, currency, awardFen));
  }

  /**
   * Posts one balanced entry. Same key and content as before → the original entry (`replayed`); same key,
   * other content → `idempotency-conflict`; a balance the posting would break → `insufficient-funds` or
   * `award-exceeded` naming the account, its balance and the amount requested.
   */
  async post(manager: EntityManager, posting: Posting): Promise<PostResult> {
    requireTransaction(manager);
    assertBalancedPosting(posting);
    const contentHash = postingContentHash(posting);
    const accountIds = [...new Set(posting.lines.map((line) => line.accountId))];
    const { accounts, existing } = await this.store.lockForPosting(manager, accountIds, posting.idempotencyKey);
    if (existing) return replayOf(existing, posting, contentHash);
    const deltas = await this.deltasOrRefusal(manager, accounts, posting, contentHash);
    if ('replayed' in deltas) return deltas;
    const entryId = randomUUID();
    if (await this.store.append(manager, entryId, posting, contentHash, deltas)) return { entryId, replayed: false };
    // A concurrent post of the key committed first (the insert waited for it).
    const stored = await this.store.findEntry(manager, posting.idempotencyKey);
    if (!stored) throw new Error(`the entry of ${posting.idempotencyKey} neither inserted nor found`);
    return replayOf(stored, posting, contentHash);
  }

  /** The accounts' current balances (unlocked); an account never opened is absent. */
  async balances(manager: EntityManager, accountIds: readonly string[]): Promise<Map<string, AccountBalance>> {
    return this.store.read(manager, accountIds);
  }

  private async deltasOrRefusal(
    manager: EntityManager,
    accounts: Map<string, AccountBalance>,
    posting: Posting,
    contentHash: string,
  ): Promise<Map<string, number> | PostResult> {
    try {
      return new Map([...balanceMoves(accounts, posting)].map(([accountId, move]) => [accountId, move.deltaFen]));
    } catch (err) {
      // While this call waited for the account locks, a post of the same key may have committed: its
      // balances are what refuse this one, and the answer is the replay (a fresh statement sees it).
      if (err instanceof LedgerError && BALANCE_REFUSALS.has(err.code)) {
        const stored = await this.store.findEntry(manager, posting.idempotencyKey);
        if (stored) return replayOf(stored, posting, contentHash);
      }
      throw err;
    }
  }

  private async open(manager: EntityManager, wanted: AccountDefinition[]): Promise<void> {
    const stored = await this.store.openAccounts(manager, wanted);
    for (const account of wanted) {
      const found = stored.find((s) => s.accountId === account.accountId);
      if (!found) throw new Error(`ledger account ${account.accountId} was not opened`);
      if (found.currency !== account.currency) {
        throw new LedgerError(
          'currency-mismatch',
          `account ${account.accountId} is open in ${found.currency}, not ${account.currency}`,
        );
      }
      if (found.capFen !== account.capFen) {
        throw new LedgerError(
          'idempotency-conflict',
          `account ${account.accountId} is open with cap ${found.capFen} fen, not ${account.capFen} fen`,
        );
      }
    }
  }
}

function replayOf(stored: StoredEntryRef, posting: Posting, contentHash: string): PostResult {
  if (stored.contentHash !== contentHash) {
    throw new LedgerError(
      'idempotency-conflict',
      `idempotency key ${posting.idempotencyKey} was already posted with other content (entry ${stored.entryId})`,
    );
  }
  return { entryId: stored.entryId, replayed: true };
}

function requireTransaction(manager: EntityManager): void {
  if (!manager.queryRunner?.isTransactionActive) {
    throw new Error('Ledger.post runs in the caller’s transaction: pass the EntityManager of a transaction');
  }
}
