import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { portalCommandsTopic } from '@sanshe/contracts';
import { type ConfirmationArrival, type PortalConfirmation, confirmationStep } from '../domain/portal-confirmation';
import { PaymentRepository } from '../domain/payment.repository';
import { SettlePaymentHandler } from './settle-payment';

export interface ConfirmPortalPaymentCommand {
  confirmation: PortalConfirmation;
  arrival: ConfirmationArrival;
}

/** 'settled' or 'already'; a refusal names its code and why (the subscriber dead-letters it). */
export type ConfirmResult = { result: 'settled' | 'already' } | { result: 'refused'; code: string; reason: string };

/**
 * A portal's confirmation that it paid a tranche (the portal-confirmed rail), in the inbox transaction:
 * judged by confirmationStep (its own portal on its own channel, the same grant and tranche), then the
 * payment settled once through SettlePaymentHandler with the portal's rail reference and confirmedBy.
 */
@Injectable()
export class ConfirmPortalPaymentHandler {
  constructor(
    private readonly payments: PaymentRepository,
    private readonly settle: SettlePaymentHandler,
  ) {}

  async execute(
    manager: EntityManager,
    { confirmation, arrival }: ConfirmPortalPaymentCommand,
  ): Promise<ConfirmResult> {
    const payment = await this.payments.findById(manager, confirmation.paymentId);
    if (!payment) {
      return { result: 'refused', code: 'unknown-payment', reason: `no payment ${confirmation.paymentId}` };
    }
    const step = confirmationStep(payment, confirmation, arrival, portalCommandsTopic);
    if (step.kind === 'refuse') return { result: 'refused', code: step.code, reason: step.reason };
    if (step.kind === 'already') return { result: 'already' };
    const { result, payment: after } = await this.settle.execute(manager, {
      paymentId: payment.paymentId,
      railReference: confirmation.railReference,
      confirmedBy: confirmation.portalId,
      settledAt: new Date(confirmation.confirmedAt),
    });
    if (result === 'not-instructed') {
      return { result: 'refused', code: 'payment-failed', reason: `payment ${after.paymentId} failed` };
    }
    return { result: result === 'settled' ? 'settled' : 'already' };
  }
}
