import { Inject, Injectable } from '@nestjs/common';
import { getDataSourceToken } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { OutboxWriter } from '@sanshe/messaging';
import { Ledger } from '../../ledger/application/ledger';
import type { Payment } from '../domain/payment';
import { GrantNotActive, PaymentNotFailed } from '../domain/payment-errors';
import { PaymentRails } from '../domain/payment-rail';
import { PaymentRepository } from '../domain/payment.repository';
import { paymentInstructedEvent } from './payment-events';
import { instructPosting } from './payment-postings';
import { lockPaymentAndGrant } from './settle-payment';

/**
 * The explicit retry of a failed payment: the same paymentId, attempt + 1, submitted to its rail again, a new
 * `instruct` posting (its key names the attempt) and payment.instructed with the attempt. Only a failed
 * payment of an active grant is retried (PaymentNotFailed, GrantNotActive): payTranche never instructs a
 * failed payment again by itself, so a retried activity cannot pay a refused tranche behind anyone's back.
 */
@Injectable()
export class RetryPaymentHandler {
  constructor(
    private readonly payments: PaymentRepository,
    private readonly rails: PaymentRails,
    private readonly ledger: Ledger,
    private readonly outbox: OutboxWriter,
    @Inject(getDataSourceToken()) private readonly dataSource: DataSource,
  ) {}

  execute(paymentId: string): Promise<Payment> {
    return this.dataSource.transaction(async (manager) => {
      const { payment, grant } = await lockPaymentAndGrant(this.payments, manager, paymentId);
      if (payment.status !== 'failed') {
        throw new PaymentNotFailed(`payment ${paymentId} is ${payment.status}: only a failed payment is retried`);
      }
      if (grant.status !== 'active') throw new GrantNotActive(`grant ${grant.grantId} is ${grant.status}, not active`);
      const instructedAt = new Date();
      const acceptance = this.rails
        .railFor(payment.rail)
        .submit({ ...payment, attempt: payment.attempt + 1, instructedAt });
      const retried = await this.payments.markRetried(manager, paymentId, acceptance, instructedAt);
      await this.ledger.post(manager, instructPosting(retried));
      await this.outbox.publish(manager, paymentInstructedEvent(retried));
      return retried;
    });
  }
}
