/*
 * What governance's workflows (issue 16: `disbursement/<grantId>`) ask of funding, implemented by funding's
 * Temporal worker on FUNDING_TASK_QUEUE. Inputs are business keys (grantId, trancheNo), never run ids, and every
 * activity is idempotent on them: a retry after a crash answers what the first call did. An activity that must
 * not be retried (the grant is not active, the tranche does not exist…) fails with
 * `ApplicationFailure.nonRetryable(message, type)`, its type one of FundingActivityFailureType.
 * Money in integer fen, never floating point.
 */

/** Funding's activity task queue (the worker's FUNDING_TEMPORAL_TASK_QUEUE defaults to it). */
export const FUNDING_TASK_QUEUE = 'funding-activities';

/**
 * The types of funding's non-retryable activity failures. A paid tranche is not one: payTranche answers its
 * settled payment. TrancheNotPaid, AmountExceedsPaid, ClawbackConflict (the tranche was clawed back with
 * another amount or decision) and InvalidClawback refuse a clawback; InsufficientFunds is the ledger refusing
 * a reservation or payment; InvalidInput a key no grant could have.
 */
export const FUNDING_ACTIVITY_FAILURE_TYPES = [
  'GrantNotFound',
  'GrantNotActive',
  'TrancheNotFound',
  'TrancheNotPaid',
  'AmountExceedsPaid',
  'ClawbackConflict',
  'InvalidClawback',
  'InsufficientFunds',
  'IdempotencyConflict',
  'InvalidInput',
] as const;
export type FundingActivityFailureType = (typeof FUNDING_ACTIVITY_FAILURE_TYPES)[number];

export interface GrantRef {
  grantId: string;
}

export interface GrantTrancheRef {
  grantId: string;
  trancheNo: number;
}

export interface ReleaseReservationInput {
  grantId: string;
  /** Why, for reservation.released (e.g. 结项验收未通过). */
  reason: string;
}

export interface RequestClawbackInput {
  grantId: string;
  trancheNo: number;
  /** At most what was paid of the tranche. */
  amountFen: number;
  decisionId: string;
  reason: string;
}

export interface ReservedBudget {
  reservedFen: number;
  currency: string;
  /** True when the grant was already reserved (at its activation, or by an earlier call). */
  alreadyReserved: boolean;
}

export type PaymentOutcomeStatus = 'instructed' | 'settled' | 'failed';

/** A tranche's payment as it stands. */
export interface PaymentOutcome {
  paymentId: string;
  grantId: string;
  trancheNo: number;
  amountFen: number;
  currency: string;
  status: PaymentOutcomeStatus;
  /** ISO instant, when settled. */
  settledAt?: string;
  /** Why, when failed. */
  failure?: { code: string; text: string };
}

export interface GrantPlanTranche {
  trancheNo: number;
  amountFen: number;
  milestone: string;
  /** Calendar day (Asia/Shanghai), YYYY-MM-DD. */
  dueDate: string;
  paid: boolean;
}

/** A grant and its tranches, as funding holds them. */
export interface GrantPlan {
  grantId: string;
  programId: string;
  organizationId: string;
  communityCode: string;
  status: 'awarded' | 'active' | 'voided' | 'completed';
  amountFen: number;
  currency: string;
  noticeWorkingDays: number;
  tranches: GrantPlanTranche[];
}

export interface FundingActivities {
  reserveGrantBudget(input: GrantRef): Promise<ReservedBudget>;
  /** Returns the unspent reserved amount moved back to the program (0 on a repeat). */
  releaseReservation(input: ReleaseReservationInput): Promise<{ releasedFen: number }>;
  /** Instructs the tranche's payment once; every call answers the payment's current outcome. */
  payTranche(input: GrantTrancheRef): Promise<PaymentOutcome>;
  /** The tranche's payment, or null when none was instructed. */
  paymentStatus(input: GrantTrancheRef): Promise<PaymentOutcome | null>;
  requestClawback(input: RequestClawbackInput): Promise<{ clawbackId: string; alreadyRequested: boolean }>;
  grantPlan(input: GrantRef): Promise<GrantPlan>;
}
