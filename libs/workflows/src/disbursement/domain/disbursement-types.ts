import type { DecidedOutcome } from '../../decision/domain/decision-state';
import type { PaymentOutcome } from '../../funding/funding-activities';

/*
 * The disbursement's data as its callers and its rules see it: the workflow's input, what the parties send in
 * its Updates, and the state query's view. Types only, shared by the API (disbursement.api.ts) and the domain.
 */

export type DisbursementStage =
  | 'reserving'
  | 'awaiting-evidence'
  | 'verifying'
  | 'remediation'
  | 'notice'
  | 'paying'
  | 'payment-stuck'
  | 'cancelled'
  | 'completed';

export interface PaidTranche {
  trancheNo: number;
  amountFen: number;
  paymentId: string;
}

/** What continue-as-new carries to the next tranche's run: no evidence, objections or notices of past ones. */
export interface CarriedDisbursement {
  trancheIndex: number;
  paid: PaidTranche[];
  /** How many of each fact were published, by `<fact>/t<n>`: the next event id's `<k>`. */
  factCounts: Record<string, number>;
  /** Grant-level decisions opened so far, so the next one's subject stays unique. */
  cancellationRounds: number;
  clawbacks: { trancheNo: number; decisionId: string; result: string }[];
}

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
