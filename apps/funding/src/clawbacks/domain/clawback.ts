/*
 * A clawback (追回) of a paid tranche (pure): at most one per grant and tranche, of at most what that
 * tranche's settled payment paid. A repeat of the same request (amount and decision) is the same clawback;
 * another request for a tranche already clawed back is refused.
 */

export interface Clawback {
  clawbackId: string;
  grantId: string;
  trancheNo: number;
  paymentId: string;
  amountFen: number;
  currency: string;
  decisionId: string;
  reason: string;
  status: 'requested' | 'recovered';
  requestedAt: Date;
}

export interface ClawbackRequest {
  grantId: string;
  trancheNo: number;
  amountFen: number;
  decisionId: string;
  reason: string;
}

/** The tranche's payment as a clawback needs it. */
export interface PaidTranche {
  paymentId: string;
  status: 'instructed' | 'settled' | 'failed';
  amountFen: number;
}

export type ClawbackRefusal = 'InvalidClawback' | 'TrancheNotPaid' | 'AmountExceedsPaid' | 'ClawbackConflict';

/**
 * What to do with a clawback request: `repeat` (the same request was made: answer it), `request` (a new
 * clawback), or a refusal with its reason. `existing` is the tranche's clawback, if any.
 */
export function clawbackStep(
  request: ClawbackRequest,
  payment: PaidTranche | null,
  existing: Clawback | null,
): { kind: 'repeat' } | { kind: 'request' } | { kind: 'refuse'; code: ClawbackRefusal; message: string } {
  const tranche = `grant ${request.grantId} tranche ${request.trancheNo}`;
  if (existing) {
    if (existing.amountFen === request.amountFen && existing.decisionId === request.decisionId) {
      return { kind: 'repeat' };
    }
    return {
      kind: 'refuse',
      code: 'ClawbackConflict',
      message:
        `${tranche} is already clawed back (${existing.clawbackId}: ${existing.amountFen} fen by ` +
        `${existing.decisionId}), not ${request.amountFen} fen by ${request.decisionId}`,
    };
  }
  if (!Number.isSafeInteger(request.amountFen) || request.amountFen <= 0) {
    return { kind: 'refuse', code: 'InvalidClawback', message: `amountFen ${request.amountFen} is not positive fen` };
  }
  if (!payment || payment.status !== 'settled') {
    const state = payment ? `its payment is ${payment.status}` : 'it has no payment';
    return { kind: 'refuse', code: 'TrancheNotPaid', message: `${tranche} is not paid: ${state}` };
  }
  if (request.amountFen > payment.amountFen) {
    return {
      kind: 'refuse',
      code: 'AmountExceedsPaid',
      message: `${tranche} paid ${payment.amountFen} fen; ${request.amountFen} fen cannot be clawed back`,
    };
  }
  return { kind: 'request' };
}
