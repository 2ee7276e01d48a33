import { type AccountBalance, balanceDelta } from './accounts';
import { assertPositiveFen } from './fen';
import { LedgerError } from './ledger-errors';
import type { Posting } from './postings';

/** Refuses a posting that does not balance by itself: ≥ 2 lines, positive amounts, Σdebit = Σcredit. */
export function assertBalancedPosting(posting: Posting): void {
  if (posting.lines.length < 2) {
    throw new LedgerError('invalid-posting', `entry ${posting.idempotencyKey} needs at least two lines`);
  }
  let debits = 0;
  let credits = 0;
  for (const line of posting.lines) {
    assertPositiveFen(line.amountFen, `line amount on ${line.accountId}`);
    if (line.side === 'debit') debits += line.amountFen;
    else credits += line.amountFen;
  }
  if (debits !== credits || !Number.isSafeInteger(debits)) {
    throw new LedgerError(
      'invalid-posting',
      `entry ${posting.idempotencyKey} does not balance: debits ${debits} ≠ credits ${credits}`,
    );
  }
}

/** How a posting moves one account: by `deltaFen` on its normal side, to `afterFen`. */
export interface BalanceMove {
  account: AccountBalance;
  deltaFen: number;
  afterFen: number;
}

/**
 * How the posting moves every account it touches, or the LedgerError that refuses it: an unknown
 * account, another currency, a debit-normal balance below zero (insufficient-funds) or a balance above
 * the account's cap (award-exceeded). Pure: the Ledger runs it on the locked rows, the model on its map.
 */
export function balanceMoves(
  accounts: ReadonlyMap<string, AccountBalance>,
  posting: Posting,
): Map<string, BalanceMove> {
  assertBalancedPosting(posting);
  const moves = new Map<string, BalanceMove>();
  for (const line of posting.lines) {
    const account = accounts.get(line.accountId);
    if (!account) throw new LedgerError('unknown-account', `no ledger account ${line.accountId}`);
    if (account.currency !== posting.currency) {
      throw new LedgerError(
        'currency-mismatch',
        `account ${account.accountId} holds ${account.currency}, the posting is in ${posting.currency}`,
      );
    }
    const deltaFen =
      (moves.get(account.accountId)?.deltaFen ?? 0) + balanceDelta(account.normalSide, line.side, line.amountFen);
    moves.set(account.accountId, { account, deltaFen, afterFen: account.balanceFen + deltaFen });
  }
  for (const move of moves.values()) refuseBeyondLimits(move);
  return moves;
}

function refuseBeyondLimits({ account, deltaFen, afterFen }: BalanceMove): void {
  const detail = { account: account.accountId, balanceFen: account.balanceFen, requestedFen: Math.abs(deltaFen) };
  if (account.normalSide === 'debit' && afterFen < 0) {
    throw new LedgerError(
      'insufficient-funds',
      `${account.accountId} holds ${account.balanceFen} fen, ${detail.requestedFen} fen requested`,
      detail,
    );
  }
  if (account.capFen !== null && afterFen > account.capFen) {
    throw new LedgerError(
      'award-exceeded',
      `${account.accountId} holds ${account.balanceFen} fen of its ${account.capFen} fen award, ` +
        `${detail.requestedFen} fen more requested`,
      { ...detail, capFen: account.capFen },
    );
  }
}
