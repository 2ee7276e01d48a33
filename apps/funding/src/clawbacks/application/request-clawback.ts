import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { getDataSourceToken } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { OutboxWriter } from '@sanshe/messaging';
import { Ledger } from '../../ledger/application/ledger';
import { requestClawback } from '../../ledger/domain/postings';
import { GrantNotActive, GrantNotFound } from '../../payments/domain/payment-errors';
import { PaymentRepository } from '../../payments/domain/payment.repository';
import { type Clawback, type ClawbackRequest, clawbackStep } from '../domain/clawback';
import { ClawbackRefused } from '../domain/clawback-errors';
import { ClawbackRepository } from '../domain/clawback.repository';

const REQUESTED = 'sanshe.funding.clawback.requested.v1' as const;

/** clawback.requested, once per grant and tranche (deterministic id). */
function clawbackRequestedEvent(clawback: Clawback) {
  return {
    type: REQUESTED,
    id: `${REQUESTED}:${clawback.grantId}:${clawback.trancheNo}`,
    subject: clawback.grantId,
    data: {
      grantId: clawback.grantId,
      trancheNo: clawback.trancheNo,
      amount: { amountFen: clawback.amountFen, currency: clawback.currency },
      decisionId: clawback.decisionId,
      reason: clawback.reason,
    },
  };
}

/**
 * Asks for (part of) a settled tranche back (the requestClawback activity), once per grant and tranche,
 * in one transaction: the grant locked (as payments lock it), the request judged by clawbackStep, then the
 * clawback row, the `clawback` posting (paid → clawback receivable) and clawback.requested. The same
 * request again answers the first (alreadyRequested); anything else is ClawbackRefused.
 */
@Injectable()
export class RequestClawbackHandler {
  constructor(
    private readonly clawbacks: ClawbackRepository,
    private readonly payments: PaymentRepository,
    private readonly ledger: Ledger,
    private readonly outbox: OutboxWriter,
    @Inject(getDataSourceToken()) private readonly dataSource: DataSource,
  ) {}

  execute(request: ClawbackRequest): Promise<{ clawback: Clawback; alreadyRequested: boolean }> {
    return this.dataSource.transaction(async (manager) => {
      const { grantId, trancheNo } = request;
      const grant = await this.payments.grantForUpdate(manager, grantId);
      if (!grant) throw new GrantNotFound(`no grant ${grantId}`);
      const existing = await this.clawbacks.findByTranche(manager, grantId, trancheNo);
      const payment = await this.payments.findByTranche(manager, grantId, trancheNo);
      const step = clawbackStep(request, payment, existing);
      if (step.kind === 'refuse') throw new ClawbackRefused(step.code, step.message);
      if (step.kind === 'repeat' && existing) return { clawback: existing, alreadyRequested: true };
      if (grant.status !== 'active' && grant.status !== 'completed') {
        throw new GrantNotActive(`grant ${grantId} is ${grant.status}: only a paid grant's tranche is clawed back`);
      }
      if (!payment) throw new Error(`grant ${grantId} tranche ${trancheNo} has no payment`); // clawbackStep refused it
      const clawback = await this.clawbacks.insertIfAbsent(manager, {
        clawbackId: `claw-${randomUUID()}`,
        ...{ grantId, trancheNo, paymentId: payment.paymentId, amountFen: request.amountFen },
        ...{ currency: grant.currency, decisionId: request.decisionId, reason: request.reason },
      });
      if (!clawback) throw new Error(`clawback of grant ${grantId} tranche ${trancheNo} appeared under the grant lock`);
      const amount = { amountFen: clawback.amountFen, currency: clawback.currency };
      await this.ledger.post(manager, requestClawback(grantId, trancheNo, amount));
      await this.outbox.publish(manager, clawbackRequestedEvent(clawback));
      return { clawback, alreadyRequested: false };
    });
  }
}
