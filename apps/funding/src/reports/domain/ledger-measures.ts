import type { FlowMeasure } from './flow-report';

/*
 * Which journal lines a report counts, and as what: the line on the grant's own account that each posting
 * kind moves (apps/funding/src/ledger/domain/postings.ts). Every other line is the other side of the same
 * movement (or a payment in flight: instruct, fail), so counting it too would count the money twice.
 */
export interface LedgerMeasure {
  measure: Exclude<FlowMeasure, 'awarded'>;
  kind: 'reserve' | 'release' | 'settle' | 'clawback';
  /** The grant account's purpose (its id is `grant/<grantId>/<purpose>`). */
  purpose: 'reserved' | 'paid';
  side: 'debit' | 'credit';
}

export const LEDGER_MEASURES: readonly LedgerMeasure[] = [
  /** reserveGrant: Dr grant reserved / Cr program available. */
  { measure: 'reserved', kind: 'reserve', purpose: 'reserved', side: 'debit' },
  /** releaseReservation: Dr program available / Cr grant reserved. */
  { measure: 'released', kind: 'release', purpose: 'reserved', side: 'credit' },
  /** settlePayment: Dr grant paid / Cr grant payable — the money reached the organization. */
  { measure: 'paid', kind: 'settle', purpose: 'paid', side: 'debit' },
  /** requestClawback: Dr grant clawback-receivable / Cr grant paid. */
  { measure: 'clawedBack', kind: 'clawback', purpose: 'paid', side: 'credit' },
];
