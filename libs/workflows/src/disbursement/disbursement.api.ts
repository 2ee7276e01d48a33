import { defineQuery, defineSignal, defineUpdate } from '@temporalio/workflow';
import type { DecidedOutcome } from '../decision/domain/decision-state';
import type { PaymentOutcome } from '../funding/funding-activities';
import type { CarriedDisbursement, DisbursementStage } from './domain/disbursement-state';

/**
 * The grant disbursement workflow's public surface (docs/decisions.md, "Grant disbursement"), shared by the
 * workflow and its callers (governance's bridge and HTTP, tests). Plain definitions, safe on both sides.
 */

/** `disbursement/<grantId>`: one per grant, so a redelivered grant.activated finds it (start-if-absent). */
export const disbursementWorkflowId = (grantId: string) => `disbursement/${grantId}`;

export const MILESTONE_VERIFICATION_KIND = 'milestone-verification';
export const GRANT_CANCELLATION_KIND = 'grant-cancellation';
export const GRANT_CLAWBACK_KIND = 'grant-clawback';

export interface DisbursementTranche {
  trancheNo: number;
  amountFen: number;
  milestone: string;
  /** Calendar day (Asia/Shanghai), YYYY-MM-DD: evidence is due by its end. */
  dueDate: string;
}

export interface DisbursementInput {
  grantId: string;
  programId: string;
  organizationId: string;
  communityCode: string;
  funderId: string;
  proposalId?: string;
  amount: { amountFen: number; currency: string };
  noticeWorkingDays: number;
  /** Days to submit new evidence after a rejected verification (default 30). */
  remediationDays?: number;
  /** Days after the due-date reminder until the tranche is escalated (default 14). */
  escalateAfterDays?: number;
  tranches: DisbursementTranche[];
  /** Where funding's worker polls (FUNDING_TASK_QUEUE when absent); tests and parallel deployments set their own. */
  fundingTaskQueue?: string;
  /** Set only by continue-as-new between tranches. */
  carried?: CarriedDisbursement;
}

export interface EvidenceSubmission {
  trancheNo: number;
  source: { type: 'activity-completed' | 'evidence-package'; id: string };
  evidence: { sha256: string; kind?: string }[];
  /** Must be `organization:<organizationId>`. */
  submittedBy: string;
}

export interface NoticeObjection {
  trancheNo: number;
  /** A seated party of the tranche's verification, or a `portal:*`. */
  partyId: string;
  castBy: string;
  /** At least 10 characters: an objection is substantiated. */
  reason: string;
}

export interface CancellationRequest {
  requestedBy: string;
  cause: 'funder' | 'organization-deregistered';
  reason: string;
  /** The event that asked (governance's bridge sets it): the child decision's opening event. */
  openedBy?: { eventId: string; type: string };
}

export interface ClawbackProposal {
  trancheNo: number;
  proposedBy: string;
  reason: string;
  amountFen: number;
  /** The event that proposed it (governance's bridge sets it): the child decision's opening event. */
  openedBy?: { eventId: string; type: string };
}

export interface VerificationRecord {
  decisionId: string;
  /** The outcome with its tally (approve/object/abstain/pending weights, quorum). */
  outcome: DecidedOutcome;
}

export interface DisbursementView {
  grantId: string;
  programId: string;
  stage: DisbursementStage;
  trancheNo: number | null;
  amountDueFen: number;
  evidence: EvidenceSubmission[];
  verifications: VerificationRecord[];
  /** The verification decision being decided now (its votes: the decision's own `state` query), or null. */
  openVerification: string | null;
  noticeUntil: string | null;
  objections: NoticeObjection[];
  payment: PaymentOutcome | null;
  paid: { trancheNo: number; amountFen: number; paymentId: string }[];
  clawbacks: { trancheNo: number; decisionId: string; result: string }[];
  cancellation: { decisionId?: string; result?: string } | null;
}

export const submitEvidenceUpdate = defineUpdate<{ accepted: number }, [EvidenceSubmission]>('submitEvidence');
export const objectDuringNoticeUpdate = defineUpdate<{ reopened: true }, [NoticeObjection]>('objectDuringNotice');
export const retryPaymentUpdate = defineUpdate<{ retrying: true; operatorId: string }, [{ operatorId: string }]>(
  'retryPayment',
);
/** Settled by a child decision: completes with its outcome (callers wait for acceptance only). */
export interface SideDecisionReceipt {
  decisionId: string;
  result: string;
}
export const requestCancellationUpdate = defineUpdate<SideDecisionReceipt, [CancellationRequest]>(
  'requestCancellation',
);
export const proposeClawbackUpdate = defineUpdate<SideDecisionReceipt, [ClawbackProposal]>('proposeClawback');
export const disbursementStateQuery = defineQuery<DisbursementView>('state');

/** Funding settled a tranche's payment (governance signals it on sanshe.funding.tranche.paid.v1). */
export interface PaymentSettledNotice {
  trancheNo: number;
  paymentId: string;
}
/**
 * Wakes the payment's status check at once instead of at its next poll; only a hint — the workflow still asks
 * funding (paymentStatus) what happened, so a wrong or repeated signal pays nothing and changes nothing.
 */
export const paymentSettledSignal = defineSignal<[PaymentSettledNotice]>('paymentSettled');
