import type { PaymentRail, RailAcceptance } from '../domain/payment-rail';

/**
 * The rail of a program funded by a portal (`portal:<id>`): the portal pays through its own treasury and
 * confirms on its commands topic (sanshe.portal.payment.confirmed.v1, ConfirmPortalPaymentHandler). Funding
 * only records the instruction, which payment.instructed tells the portal; nothing settles it by itself.
 */
export class PortalConfirmedRail implements PaymentRail {
  readonly name = 'portal-confirmed' as const;

  submit(): RailAcceptance {
    return { settleAfter: null, railReference: null };
  }
}
