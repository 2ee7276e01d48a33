import type { PaymentRail as RailName } from '@sanshe/contracts';
import type { PaymentOutcome } from '@sanshe/workflows';

export type { RailName };

/*
 * A tranche's payment (pure). One per grant and tranche: instructed once, then settled by its rail or
 * failed; a failed payment is instructed again only by an explicit retry, which keeps its paymentId and
 * counts the attempt (apps/funding/README.md, "Payments").
 */

export const PAYMENT_STATUSES = ['instructed', 'settled', 'failed'] as const;
export type PaymentStatus = (typeof PAYMENT_STATUSES)[number];

export interface PaymentFailure {
  code: string;
  text: string;
}

export interface Payment {
  paymentId: string;
  grantId: string;
  trancheNo: number;
  programId: string;
  organizationId: string;
  communityCode: string;
  amountFen: number;
  currency: string;
  rail: RailName;
  /** The portal party (`portal:<id>`) whose confirmation settles a portal payment; null on the internal rail. */
  confirmingParty: string | null;
  status: PaymentStatus;
  /** 1 at instruction, +1 per explicit retry after a failure. */
  attempt: number;
  railReference: string | null;
  /** When the internal rail settles it; null on the portal rail. */
  settleAfter: Date | null;
  instructedAt: Date;
  settledAt: Date | null;
  confirmedBy: string | null;
  failure: PaymentFailure | null;
}

/**
 * The rail of a grant's payments (PAYMENT_RAILS): `internal`, settled by funding itself after a delay, or
 * `portal-confirmed` when the funder is a portal (`portal:<id>`): settled when that portal confirms it.
 */
export function railOf(funderId: string): { rail: RailName; confirmingParty: string | null } {
  return funderId.startsWith('portal:')
    ? { rail: 'portal-confirmed', confirmingParty: funderId }
    : { rail: 'internal', confirmingParty: null };
}

/** The reference the internal rail gives a settled attempt. */
export const internalRailReference = (paymentId: string, attempt: number): string => `internal:${paymentId}:${attempt}`;

/** What the activities answer: the payment as it stands. */
export function outcomeOf(payment: Payment): PaymentOutcome {
  return {
    paymentId: payment.paymentId,
    grantId: payment.grantId,
    trancheNo: payment.trancheNo,
    amountFen: payment.amountFen,
    currency: payment.currency,
    status: payment.status,
    ...(payment.settledAt ? { settledAt: payment.settledAt.toISOString() } : {}),
    ...(payment.failure ? { failure: payment.failure } : {}),
  };
}

/**
 * The ledger key suffix of an attempt: the first keeps the ledger's own keys (`instruct/<grantId>/<n>`),
 * a retry appends `/attempt-<n>` so its postings are new entries, not replays of the first.
 */
export const attemptSuffix = (attempt: number): string => (attempt === 1 ? '' : `/attempt-${attempt}`);

/** The grant fields that decide whether a tranche may be paid. */
export interface GrantToPay {
  grantId: string;
  status: string;
  tranches: { trancheNo: number; amountFen: number }[] | null;
}

/**
 * The tranche a new payment pays, or why none may be: only an active grant's scheduled tranche. (A tranche
 * that already has a payment never gets here: its payment's outcome is the answer.)
 */
export function trancheToPay(
  grant: GrantToPay,
  trancheNo: number,
): { trancheNo: number; amountFen: number } | { refused: 'GrantNotActive' | 'TrancheNotFound'; message: string } {
  if (grant.status !== 'active') {
    return { refused: 'GrantNotActive', message: `grant ${grant.grantId} is ${grant.status}, not active` };
  }
  const tranche = grant.tranches?.find((t) => t.trancheNo === trancheNo);
  if (!tranche) {
    const known = (grant.tranches ?? []).map((t) => t.trancheNo).join(', ');
    return { refused: 'TrancheNotFound', message: `grant ${grant.grantId} has no tranche ${trancheNo} (has ${known})` };
  }
  return tranche;
}

/** Whether every scheduled tranche of the grant has a settled payment (the grant is then completed). */
export function allTranchesSettled(grant: GrantToPay, payments: readonly Payment[]): boolean {
  const settled = new Set(payments.filter((p) => p.status === 'settled').map((p) => p.trancheNo));
  return (grant.tranches ?? []).length > 0 && (grant.tranches ?? []).every((t) => settled.has(t.trancheNo));
}
