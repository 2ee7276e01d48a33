import type {
  CancellationRequest,
  ClawbackProposal,
  DisbursementInput,
  EvidenceSubmission,
  NoticeObjection,
} from './disbursement-types';
import { currentTranche, type DisbursementState } from './disbursement-state';

/**
 * Why an Update to the disbursement is refused (the ApplicationFailure's type, read as data by callers).
 * EvidenceReused is the handler's (governance's claim found the hashes on another grant), not a validator's.
 */
export const DISBURSEMENT_REFUSAL_CODES = [
  'wrong-tranche',
  'wrong-stage',
  'malformed-evidence',
  'not-the-organization',
  'not-a-party',
  'already-objected',
  'reason-too-short',
  'cancellation-pending',
  'not-paid',
  'invalid-amount',
  'clawback-pending',
  'EvidenceReused',
] as const;
export type DisbursementRefusalCode = (typeof DISBURSEMENT_REFUSAL_CODES)[number];

export interface DisbursementRefusal {
  code: DisbursementRefusalCode;
  message: string;
}

const SHA256 = /^[0-9a-f]{64}$/;
const MIN_OBJECTION_REASON = 10;
const refuse = (code: DisbursementRefusalCode, message: string): DisbursementRefusal => ({ code, message });
const closed = (state: DisbursementState) => state.cancelled || state.stage === 'completed';

function notCurrentTranche(input: DisbursementInput, state: DisbursementState, trancheNo: number) {
  const current = currentTranche(input, state)?.trancheNo;
  return trancheNo === current
    ? null
    : refuse('wrong-tranche', `tranche ${current ?? 'none'} is current, not ${trancheNo}`);
}

/** Evidence is taken for the current tranche while it awaits evidence or is in remediation, from its organization. */
export function checkEvidence(
  input: DisbursementInput,
  state: DisbursementState,
  submission: EvidenceSubmission,
): DisbursementRefusal | null {
  const organization = `organization:${input.organizationId}`;
  if (submission.submittedBy !== organization) {
    return refuse('not-the-organization', `evidence comes from ${organization}, not ${submission.submittedBy}`);
  }
  if (closed(state) || (state.stage !== 'awaiting-evidence' && state.stage !== 'remediation')) {
    return refuse('wrong-stage', `the grant is ${state.stage}: evidence is taken awaiting evidence or in remediation`);
  }
  const tranche = notCurrentTranche(input, state, submission.trancheNo);
  if (tranche) return tranche;
  const hashes = submission.evidence ?? [];
  if (hashes.length === 0 || hashes.some((piece) => !SHA256.test(piece.sha256))) {
    return refuse('malformed-evidence', 'at least one piece of evidence, each a SHA-256 in 64 lower-case hex digits');
  }
  return null;
}

/** A substantiated objection during notice, by a seated party of the verification or a portal, once per tranche. */
export function checkObjection(
  input: DisbursementInput,
  state: DisbursementState,
  objection: NoticeObjection,
): DisbursementRefusal | null {
  if (closed(state) || state.stage !== 'notice' || state.upheldObjection) {
    return refuse('wrong-stage', `the grant is ${state.stage}: objections are taken during public notice`);
  }
  const tranche = notCurrentTranche(input, state, objection.trancheNo);
  if (tranche) return tranche;
  if (!objection.partyId.startsWith('portal:') && !state.seatedPartyIds.includes(objection.partyId)) {
    return refuse('not-a-party', `${objection.partyId} is not seated in the verification, nor a portal`);
  }
  if (state.objections.some((earlier) => earlier.partyId === objection.partyId)) {
    return refuse('already-objected', `${objection.partyId} already objected to tranche ${objection.trancheNo}`);
  }
  if ((objection.reason ?? '').trim().length < MIN_OBJECTION_REASON) {
    return refuse('reason-too-short', `an objection gives its reason in at least ${MIN_OBJECTION_REASON} characters`);
  }
  return null;
}

/** An operator's retry is taken only while the payment is stuck (governance checks the operator role). */
export function checkRetryPayment(
  state: DisbursementState,
  request: { operatorId: string },
): DisbursementRefusal | null {
  if (!request.operatorId?.trim()) return refuse('not-a-party', 'a retry names the operator who asks it');
  return state.stage === 'payment-stuck' && !state.retryRequested
    ? null
    : refuse('wrong-stage', `the grant is ${state.stage}: a payment is retried only when stuck`);
}

export function checkCancellation(state: DisbursementState, request: CancellationRequest): DisbursementRefusal | null {
  if (closed(state)) return refuse('wrong-stage', `the grant is ${state.stage}: nothing to cancel`);
  if (state.cancellation && state.cancellation.result === undefined) {
    return refuse('cancellation-pending', `decision ${state.cancellation.decisionId ?? 'opening'} is deciding it`);
  }
  if (!request.reason?.trim()) return refuse('reason-too-short', 'a cancellation gives its reason');
  return null;
}

/** A clawback of a paid tranche, of at most what was paid, one decision at a time per tranche. */
export function checkClawback(state: DisbursementState, proposal: ClawbackProposal): DisbursementRefusal | null {
  const paid = state.paid.find((tranche) => tranche.trancheNo === proposal.trancheNo);
  if (!paid) return refuse('not-paid', `tranche ${proposal.trancheNo} was not paid`);
  if (!Number.isInteger(proposal.amountFen) || proposal.amountFen < 1 || proposal.amountFen > paid.amountFen) {
    return refuse('invalid-amount', `a clawback is 1 to ${paid.amountFen} fen, not ${proposal.amountFen}`);
  }
  if (state.clawbacksRunning.includes(proposal.trancheNo)) {
    return refuse('clawback-pending', `a clawback of tranche ${proposal.trancheNo} is being decided`);
  }
  if (!proposal.reason?.trim()) return refuse('reason-too-short', 'a clawback gives its reason');
  return null;
}
