import type { PaymentInstruction, PaymentRail, RailAcceptance } from '../domain/payment-rail';

/**
 * The default rail: funding pays from its own account, settling each instruction FUNDING_PAYMENT_SETTLE_MS
 * after it was instructed (SettleDuePaymentsLoop settles what is due). It never refuses an instruction.
 */
export class InternalRail implements PaymentRail {
  readonly name = 'internal' as const;

  constructor(private readonly settleMs: number) {}

  submit(instruction: PaymentInstruction): RailAcceptance {
    return { settleAfter: new Date(instruction.instructedAt.getTime() + this.settleMs), railReference: null };
  }
}
