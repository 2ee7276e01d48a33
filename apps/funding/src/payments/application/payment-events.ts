import type { Payment } from '../domain/payment';

const INSTRUCTED = 'sanshe.funding.payment.instructed.v1' as const;
const PAID = 'sanshe.funding.tranche.paid.v1' as const;
const FAILED = 'sanshe.funding.payment.failed.v1' as const;

const money = (payment: Payment) => ({ amountFen: payment.amountFen, currency: payment.currency });

/** payment.instructed, once per attempt: its id is deterministic, so a retried write adds nothing. */
export function paymentInstructedEvent(payment: Payment) {
  return {
    type: INSTRUCTED,
    id: `${INSTRUCTED}:${payment.paymentId}:${payment.attempt}`,
    subject: payment.grantId,
    data: {
      paymentId: payment.paymentId,
      grantId: payment.grantId,
      trancheNo: payment.trancheNo,
      organizationId: payment.organizationId,
      amount: money(payment),
      rail: payment.rail,
      instructedAt: payment.instructedAt.toISOString(),
      ...(payment.attempt > 1 ? { attempt: payment.attempt } : {}),
    },
  };
}

/** tranche.paid for a settled payment, with issue 15's additive fields (program, community, rail…). */
export function tranchePaidEvent(payment: Payment) {
  if (!payment.settledAt) throw new Error(`payment ${payment.paymentId} is not settled`);
  return {
    type: PAID,
    id: `${PAID}:${payment.paymentId}`,
    subject: payment.grantId,
    data: {
      grantId: payment.grantId,
      organizationId: payment.organizationId,
      trancheNo: payment.trancheNo,
      amount: money(payment),
      paidAt: payment.settledAt.toISOString(),
      paymentId: payment.paymentId,
      programId: payment.programId,
      communityCode: payment.communityCode,
      rail: payment.rail,
      ...(payment.railReference ? { railReference: payment.railReference } : {}),
      ...(payment.confirmedBy ? { confirmedBy: payment.confirmedBy } : {}),
    },
  };
}

/** payment.failed for one failed attempt. */
export function paymentFailedEvent(payment: Payment) {
  if (!payment.failure) throw new Error(`payment ${payment.paymentId} has not failed`);
  return {
    type: FAILED,
    id: `${FAILED}:${payment.paymentId}:${payment.attempt}`,
    subject: payment.grantId,
    data: {
      paymentId: payment.paymentId,
      grantId: payment.grantId,
      trancheNo: payment.trancheNo,
      reason: payment.failure,
    },
  };
}
