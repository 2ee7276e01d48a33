import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { getDataSourceToken } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { sleep } from '@sanshe/common';
import { OutboxWriter } from '@sanshe/messaging';
import type { FundingConfig } from '../../config/funding-config';
import { FUNDING_CONFIG } from '../../config/funding-config.tokens';
import { Ledger } from '../../ledger/application/ledger';
import { railOf, type Payment, trancheToPay } from '../domain/payment';
import { GrantNotActive, GrantNotFound, TrancheNotFound } from '../domain/payment-errors';
import { PaymentRails } from '../domain/payment-rail';
import { type PayableGrant, PaymentRepository } from '../domain/payment.repository';
import { paymentInstructedEvent } from './payment-events';
import { instructPosting } from './payment-postings';

export interface PayTrancheCommand {
  grantId: string;
  trancheNo: number;
}

/**
 * Pays one tranche of an active grant, exactly once however often and however concurrently it is asked
 * (the payTranche activity, retried by Temporal). In one transaction: the grant is share-locked (it cannot
 * be voided meanwhile); a tranche that has a payment answers that payment as it stands; otherwise the
 * payment row is inserted unless another call's insert won the UNIQUE (grant, tranche) key — only the
 * inserting call submits it to its rail, posts `instruct` (reserved → payable) and publishes
 * payment.instructed. Every caller gets the payment's current state. FUNDING_FAULT_HOLD_AFTER_INSTRUCT_MS (tests
 * only) holds the inserting call's answer after its commit: the window a crash test kills funding in.
 */
@Injectable()
export class PayTrancheHandler {
  constructor(
    private readonly payments: PaymentRepository,
    private readonly rails: PaymentRails,
    private readonly ledger: Ledger,
    private readonly outbox: OutboxWriter,
    @Inject(getDataSourceToken()) private readonly dataSource: DataSource,
    @Inject(FUNDING_CONFIG) private readonly config: Pick<FundingConfig, 'FUNDING_FAULT_HOLD_AFTER_INSTRUCT_MS'>,
  ) {}

  async execute({ grantId, trancheNo }: PayTrancheCommand): Promise<Payment> {
    const { payment, instructed } = await this.dataSource.transaction(async (manager) => {
      const grant = await this.payments.grantForShare(manager, grantId);
      if (!grant) throw new GrantNotFound(`no grant ${grantId}`);
      const existing = await this.payments.findByTranche(manager, grantId, trancheNo);
      if (existing) return { payment: existing, instructed: false };
      const inserted = await this.insert(manager, grant, trancheNo);
      if (!inserted) return { payment: await this.winnerOf(manager, grantId, trancheNo), instructed: false };
      await this.ledger.post(manager, instructPosting(inserted));
      await this.outbox.publish(manager, paymentInstructedEvent(inserted));
      return { payment: inserted, instructed: true };
    });
    const holdMs = this.config.FUNDING_FAULT_HOLD_AFTER_INSTRUCT_MS;
    if (instructed && holdMs > 0) await sleep(holdMs);
    return payment;
  }

  /** The payment a concurrent call inserted (ON CONFLICT waited for its commit, so a new statement sees it). */
  private async winnerOf(manager: EntityManager, grantId: string, trancheNo: number): Promise<Payment> {
    const winner = await this.payments.findByTranche(manager, grantId, trancheNo);
    if (!winner) throw new Error(`the payment of grant ${grantId} tranche ${trancheNo} conflicted but is not there`);
    return winner;
  }

  /** The new payment submitted to its rail, or null when a concurrent call inserted the tranche's payment. */
  private async insert(manager: EntityManager, grant: PayableGrant, trancheNo: number): Promise<Payment | null> {
    const tranche = trancheToPay(grant, trancheNo);
    if ('refused' in tranche) {
      throw tranche.refused === 'GrantNotActive'
        ? new GrantNotActive(tranche.message)
        : new TrancheNotFound(tranche.message);
    }
    const { rail, confirmingParty } = railOf(grant.funderId);
    const payment = await this.payments.insertIfAbsent(manager, {
      paymentId: `pay-${randomUUID()}`,
      grantId: grant.grantId,
      trancheNo,
      programId: grant.programId,
      organizationId: grant.organizationId,
      communityCode: grant.communityCode,
      amountFen: tranche.amountFen,
      currency: grant.currency,
      rail,
      confirmingParty,
      railReference: null,
      settleAfter: null,
      instructedAt: new Date(),
    });
    if (!payment) return null;
    const acceptance = this.rails.railFor(rail).submit(payment);
    return this.payments.recordAcceptance(manager, payment.paymentId, acceptance);
  }
}
