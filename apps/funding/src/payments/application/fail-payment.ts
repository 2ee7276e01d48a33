import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { OutboxWriter } from '@sanshe/messaging';
import { Ledger } from '../../ledger/application/ledger';
import type { Payment, PaymentFailure } from '../domain/payment';
import { PaymentRepository } from '../domain/payment.repository';
import { paymentFailedEvent } from './payment-events';
import { failPosting } from './payment-postings';
import { lockPaymentAndGrant } from './settle-payment';

export interface FailPaymentCommand {
  paymentId: string;
  failure: PaymentFailure;
}

/**
 * A rail reports a payment refused: in the caller's transaction, once — status failed (only from
 * instructed), the `fail` posting (payable back to reserved) and payment.failed. 'ignored' when the
 * payment is no longer instructed (settled, or already failed). Only RetryPaymentHandler instructs it again.
 */
@Injectable()
export class FailPaymentHandler {
  constructor(
    private readonly payments: PaymentRepository,
    private readonly ledger: Ledger,
    private readonly outbox: OutboxWriter,
  ) {}

  async execute(
    manager: EntityManager,
    command: FailPaymentCommand,
  ): Promise<{ result: 'failed' | 'ignored'; payment: Payment }> {
    const { payment } = await lockPaymentAndGrant(this.payments, manager, command.paymentId);
    if (payment.status !== 'instructed') return { result: 'ignored', payment };
    const failed = await this.payments.markFailed(manager, payment.paymentId, command.failure);
    await this.ledger.post(manager, failPosting(failed));
    await this.outbox.publish(manager, paymentFailedEvent(failed));
    return { result: 'failed', payment: failed };
  }
}
