import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { OutboxWriter } from '@sanshe/messaging';
import { Ledger } from '../../ledger/application/ledger';
import { allTranchesSettled, type Payment } from '../domain/payment';
import { GrantNotFound, PaymentNotFound } from '../domain/payment-errors';
import { PaymentRepository, type Settlement } from '../domain/payment.repository';
import { tranchePaidEvent } from './payment-events';
import { settlePosting as settlePostingOf } from './payment-postings';

export interface SettlePaymentCommand {
  paymentId: string;
  railReference: string;
  /** The portal that confirmed it (portal-confirmed rail); null on the internal rail. */
  confirmedBy: string | null;
  settledAt?: Date;
}

/** 'settled' now; 'already' settled before; 'not-instructed': it failed, nothing to settle. */
export type SettleResult = { result: 'settled' | 'already' | 'not-instructed'; payment: Payment };

/**
 * A rail reports a payment paid: in the caller's transaction, once — the status settled (only from
 * instructed), the `settle` posting (payable → paid) and tranche.paid; when that was the grant's last
 * tranche, the grant is completed. The grant is locked before the payment (the order payTranche takes them
 * in), so two tranches of one grant settling at once see each other's payments.
 */
@Injectable()
export class SettlePaymentHandler {
  constructor(
    private readonly payments: PaymentRepository,
    private readonly ledger: Ledger,
    private readonly outbox: OutboxWriter,
  ) {}

  async execute(manager: EntityManager, command: SettlePaymentCommand): Promise<SettleResult> {
    const { payment, grant } = await lockPaymentAndGrant(this.payments, manager, command.paymentId);
    if (payment.status === 'settled') return { result: 'already', payment };
    if (payment.status === 'failed') return { result: 'not-instructed', payment };
    const settlement: Settlement = {
      settledAt: command.settledAt ?? new Date(),
      railReference: command.railReference,
      confirmedBy: command.confirmedBy,
    };
    const settled = await this.payments.markSettled(manager, payment.paymentId, settlement);
    await this.ledger.post(manager, settlePostingOf(settled));
    await this.outbox.publish(manager, tranchePaidEvent(settled));
    if (allTranchesSettled(grant, await this.payments.listByGrant(manager, grant.grantId))) {
      await this.payments.completeGrant(manager, grant.grantId);
    }
    return { result: 'settled', payment: settled };
  }
}

/** The payment and its grant, the grant locked first, then the payment (see SettlePaymentHandler). */
export async function lockPaymentAndGrant(payments: PaymentRepository, manager: EntityManager, paymentId: string) {
  const found = await payments.findById(manager, paymentId);
  if (!found) throw new PaymentNotFound(`no payment ${paymentId}`);
  const grant = await payments.grantForUpdate(manager, found.grantId);
  if (!grant) throw new GrantNotFound(`no grant ${found.grantId} for payment ${paymentId}`);
  const payment = await payments.findForUpdate(manager, paymentId);
  if (!payment) throw new PaymentNotFound(`no payment ${paymentId}`);
  return { payment, grant };
}
