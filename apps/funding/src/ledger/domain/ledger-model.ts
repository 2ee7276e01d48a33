import { type AccountBalance, type AccountDefinition, balanceDelta } from './accounts';
import { balanceMoves } from './balance-rules';
import { postingContentHash } from './content-hash';
import { LedgerError } from './ledger-errors';
import type { Posting } from './postings';

interface ModelEntry {
  entryId: string;
  contentHash: string;
  posting: Posting;
}

/**
 * The ledger in memory, by the same rules as the Ledger: the property tests run random command sequences
 * through it (and, in the integration test, compare the database's balances with it). `violations()`
 * states the invariants independently of the rules that are meant to keep them.
 */
export class LedgerModel {
  private readonly accounts = new Map<string, AccountBalance>();
  private readonly entries = new Map<string, ModelEntry>();

  open(definitions: AccountDefinition[]): void {
    for (const definition of definitions) {
      if (!this.accounts.has(definition.accountId)) {
        this.accounts.set(definition.accountId, { ...definition, balanceFen: 0 });
      }
    }
  }

  /** Posts or throws the LedgerError the Ledger would; a repeat of a key returns its original entry. */
  post(posting: Posting): { entryId: string; replayed: boolean } {
    const contentHash = postingContentHash(posting);
    const existing = this.entries.get(posting.idempotencyKey);
    if (existing) {
      if (existing.contentHash !== contentHash) {
        throw new LedgerError('idempotency-conflict', `key ${posting.idempotencyKey} posted with other content`);
      }
      return { entryId: existing.entryId, replayed: true };
    }
    for (const { account, afterFen } of balanceMoves(this.accounts, posting).values()) {
      this.accounts.set(account.accountId, { ...account, balanceFen: afterFen });
    }
    const entryId = `model-${this.entries.size + 1}`;
    this.entries.set(posting.idempotencyKey, { entryId, contentHash, posting });
    return { entryId, replayed: false };
  }

  balance(accountId: string): number | undefined {
    return this.accounts.get(accountId)?.balanceFen;
  }

  balances(): Map<string, number> {
    return new Map([...this.accounts].map(([accountId, account]) => [accountId, account.balanceFen]));
  }

  hasKey(idempotencyKey: string): boolean {
    return this.entries.has(idempotencyKey);
  }

  /**
   * Every broken invariant, in words: a debit-normal account below zero, an account beyond its cap, an
   * entry whose debits differ from its credits, a balance that differs from its entries' sum, or debit-
   * normal balances that no longer sum to the credit-normal ones (money created or lost).
   */
  violations(): string[] {
    const found: string[] = [];
    const recomputed = new Map<string, number>();
    for (const { posting } of this.entries.values()) {
      let net = 0;
      for (const line of posting.lines) {
        const account = this.accounts.get(line.accountId);
        if (!account) {
          found.push(`entry ${posting.idempotencyKey} names no account ${line.accountId}`);
          continue;
        }
        net += line.side === 'debit' ? line.amountFen : -line.amountFen;
        const delta = balanceDelta(account.normalSide, line.side, line.amountFen);
        recomputed.set(line.accountId, (recomputed.get(line.accountId) ?? 0) + delta);
      }
      if (net !== 0) found.push(`entry ${posting.idempotencyKey} does not balance (${net})`);
    }
    let debitNormal = 0;
    let creditNormal = 0;
    for (const account of this.accounts.values()) {
      const { accountId, balanceFen, capFen } = account;
      if (account.normalSide === 'debit' && balanceFen < 0) found.push(`${accountId} below zero: ${balanceFen}`);
      if (capFen !== null && balanceFen > capFen) found.push(`${accountId} beyond its cap ${capFen}: ${balanceFen}`);
      const sum = recomputed.get(accountId) ?? 0;
      if (sum !== balanceFen) found.push(`${accountId} holds ${balanceFen}, its entries sum to ${sum}`);
      if (account.normalSide === 'debit') debitNormal += balanceFen;
      else creditNormal += balanceFen;
    }
    if (debitNormal !== creditNormal) found.push(`debit-normal ${debitNormal} ≠ credit-normal ${creditNormal}`);
    return found;
  }
}
