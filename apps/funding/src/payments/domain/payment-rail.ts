import type { RailName } from './payment';

/** What a rail is asked to pay: one attempt of one tranche's payment. */
export interface PaymentInstruction {
  paymentId: string;
  grantId: string;
  trancheNo: number;
  organizationId: string;
  amountFen: number;
  currency: string;
  attempt: number;
  instructedAt: Date;
}

/** What the payment row records of a rail's acceptance. */
export interface RailAcceptance {
  /** When funding's own settle loop settles it (the internal rail); null when the rail reports back. */
  settleAfter: Date | null;
  /** The rail's own reference, when it gives one at once. */
  railReference: string | null;
}

/**
 * A payment rail: what a bank or treasury integration implements. `submit` is called inside the instructing
 * transaction (the payment row, the instruct posting and payment.instructed commit together), so it must be
 * idempotent by paymentId and attempt and must not pay synchronously: it queues the instruction, or, as the
 * rails here do, only says how the payment will settle. The rail reports back through SettlePaymentHandler
 * (paid: the settle posting and tranche.paid, once) or FailPaymentHandler (refused: the fail posting and
 * payment.failed); either applies only to an instructed payment.
 */
export interface PaymentRail {
  readonly name: RailName;
  submit(instruction: PaymentInstruction): RailAcceptance;
}

/** The rails funding pays through, by name: the port PayTrancheHandler and RetryPaymentHandler submit to. */
export abstract class PaymentRails {
  abstract railFor(name: RailName): PaymentRail;
}
