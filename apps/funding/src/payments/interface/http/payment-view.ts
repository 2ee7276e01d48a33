import { type Static, Type } from '@sinclair/typebox';
import { Id, Instant, MoneyFen, PartyId, PaymentRailCode } from '@sanshe/contracts';
import type { Payment } from '../../domain/payment';

export const GrantIdParam = Type.Object({ grantId: Id });
export const PaymentIdParam = Type.Object({ paymentId: Id });

/** A payment as the HTTP API shows it. */
export const PaymentView = Type.Object({
  paymentId: Id,
  grantId: Id,
  trancheNo: Type.Integer({ minimum: 1 }),
  amount: MoneyFen,
  rail: PaymentRailCode,
  status: Type.Union([Type.Literal('instructed'), Type.Literal('settled'), Type.Literal('failed')]),
  attempt: Type.Integer({ minimum: 1, description: '1, plus one per explicit retry after a failure' }),
  instructedAt: Instant,
  settleAfter: Type.Optional(Instant),
  railReference: Type.Optional(Type.String()),
  settledAt: Type.Optional(Instant),
  confirmedBy: Type.Optional(PartyId),
  failure: Type.Optional(Type.Object({ code: Type.String(), text: Type.String() })),
});

export function paymentView(payment: Payment): Static<typeof PaymentView> {
  return {
    paymentId: payment.paymentId,
    grantId: payment.grantId,
    trancheNo: payment.trancheNo,
    amount: { amountFen: payment.amountFen, currency: payment.currency },
    rail: payment.rail,
    status: payment.status,
    attempt: payment.attempt,
    instructedAt: payment.instructedAt.toISOString(),
    ...(payment.settleAfter ? { settleAfter: payment.settleAfter.toISOString() } : {}),
    ...(payment.railReference ? { railReference: payment.railReference } : {}),
    ...(payment.settledAt ? { settledAt: payment.settledAt.toISOString() } : {}),
    ...(payment.confirmedBy ? { confirmedBy: payment.confirmedBy } : {}),
    ...(payment.failure ? { failure: payment.failure } : {}),
  };
}
