import { splitByPercents } from './tranche-schedule';

/*
 * The award rules (pure): a funder awards at most what the organization asked for, and at most what the
 * program still has, counting awards not yet reserved (awarded, waiting for their decision); and enough
 * that every tranche of the program's plan gets at least one fen (the ledger posts no zero amounts).
 */

export type AwardRefusal =
  | { code: 'amount-over-requested'; requestedFen: number }
  | { code: 'currency-mismatch'; currency: string }
  | { code: 'amount-below-tranches'; trancheNo: number; minimumFen: number }
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
  /** The program's tranche plan, in order. */
  tranchePercents: readonly number[];
}

/** The smallest amount whose split by `percents` gives every tranche at least one fen (≤ 100 by then). */
export function smallestSplittableFen(percents: readonly number[]): number {
  let amountFen = percents.length;
  while (splitByPercents(amountFen, percents).includes(0)) amountFen += 1;
  return amountFen;
}

/** Why the award may not be made, or null. Amount first: it is the caller's input (400 naming /amount). */
export function awardRefusal(check: AwardCheck): AwardRefusal | null {
  if (check.currency !== check.requestedCurrency)
    return { code: 'currency-mismatch', currency: check.requestedCurrency };
  if (check.amountFen > check.requestedFen) return { code: 'amount-over-requested', requestedFen: check.requestedFen };
  const emptyTranche = splitByPercents(check.amountFen, check.tranchePercents).indexOf(0);
  if (emptyTranche >= 0) {
    const minimumFen = smallestSplittableFen(check.tranchePercents);
    return { code: 'amount-below-tranches', trancheNo: emptyTranche + 1, minimumFen };
  }
  if (check.amountFen > check.availableFen - check.pendingFen) {
    return { code: 'insufficient-available', availableFen: check.availableFen, pendingFen: check.pendingFen };
  }
  return null;
}
