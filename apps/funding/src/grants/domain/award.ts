/*
 * The award rules (pure): a funder awards at most what the organization asked for, and at most what the
 * program still has, counting awards not yet reserved (awarded, waiting for their decision).
 */

export type AwardRefusal =
  | { code: 'amount-over-requested'; requestedFen: number }
  | { code: 'currency-mismatch'; currency: string }
  | { code: 'insufficient-available'; availableFen: number; pendingFen: number };

export interface AwardCheck {
  amountFen: number;
  currency: string;
  requestedFen: number;
  requestedCurrency: string;
  /** The program's available balance (its ledger account). */
  availableFen: number;
  /** What the program's awarded grants (not yet reserved) will take. */
  pendingFen: number;
}

/** Why the award may not be made, or null. Amount first: it is the caller's input (400 naming /amount). */
export function awardRefusal(check: AwardCheck): AwardRefusal | null {
  if (check.currency !== check.requestedCurrency)
    return { code: 'currency-mismatch', currency: check.requestedCurrency };
  if (check.amountFen > check.requestedFen) return { code: 'amount-over-requested', requestedFen: check.requestedFen };
  if (check.amountFen > check.availableFen - check.pendingFen) {
    return { code: 'insufficient-available', availableFen: check.availableFen, pendingFen: check.pendingFen };
  }
  return null;
}
