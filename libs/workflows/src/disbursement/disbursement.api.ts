import { defineQuery, defineSignal, defineUpdate } from '@temporalio/workflow';
import type {
  CancellationRequest,
  ClawbackProposal,
  DisbursementView,
  EvidenceSubmission,
  NoticeObjection,
} from './domain/disbursement-types';

export type {
  CancellationRequest,
  CarriedDisbursement,
  ClawbackProposal,
  DisbursementInput,
  DisbursementStage,
  DisbursementTranche,
  DisbursementView,
  EvidenceSubmission,
  NoticeObjection,
  PaidTranche,
  VerificationRecord,
} from './domain/disbursement-types';

/**
 * The grant disbursement workflow's public surface (docs/decisions.md, "Grant disbursement"), shared by the
 * workflow and its callers (governance's bridge and HTTP, tests). Plain definitions, safe on both sides.
 */

/** `disbursement/<grantId>`: one per grant, so a redelivered grant.activated finds it (start-if-absent). */
export const disbursementWorkflowId = (grantId: string) => `disbursement/${grantId}`;

export const MILESTONE_VERIFICATION_KIND = 'milestone-verification';
export const GRANT_CANCELLATION_KIND = 'grant-cancellation';
export const GRANT_CLAWBACK_KIND = 'grant-clawback';

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
