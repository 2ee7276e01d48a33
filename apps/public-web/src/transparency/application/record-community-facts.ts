import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { EventType, SansheEvent } from '@sanshe/contracts';
import { PublicRecordRepository } from '../domain/public-record.repository';

type Event<T extends EventType> = SansheEvent<T>;

/**
 * The community's public facts (its name, its needs, evaluations of activities held there) and funding's grants
 * and tranches as public-record upserts, in the inbox transaction. Only what the page shows is kept: a need's
 * closing note, an activity's participants or a payment's rail reference are not.
 */
@Injectable()
export class RecordCommunityFactsHandler {
  constructor(private readonly record: PublicRecordRepository) {}

  async community(
    manager: EntityManager,
    event: Event<'sanshe.community.community.registered.v1' | 'sanshe.community.community.updated.v1'>,
  ): Promise<void> {
    const { communityCode, streetCode, name, revision } = event.data;
    await this.record.recordCommunity(manager, { communityCode, streetCode, name, revision });
  }

  async needPublished(manager: EntityManager, event: Event<'sanshe.community.need.published.v1'>): Promise<void> {
    const { needId, communityCode, category, title, targetGroup, expectedSize, priority, period } = event.data;
    await this.record.recordNeed(manager, {
      ...{ needId, communityCode, category, title, targetGroup, expectedSize, priority },
      ...{ period: { from: period.from, to: period.to }, status: 'open', closeReason: null, decisionId: null },
      publishedAt: new Date(event.time),
    });
  }

  async needMatched(manager: EntityManager, event: Event<'sanshe.community.need.matched.v1'>): Promise<void> {
    const { needId, decisionId } = event.data;
    await this.record.updateNeed(manager, { needId, status: 'matched', closeReason: null, decisionId });
  }

  async needClosed(manager: EntityManager, event: Event<'sanshe.community.need.closed.v1'>): Promise<void> {
    const { needId, reason } = event.data;
    await this.record.updateNeed(manager, { needId, status: 'closed', closeReason: reason, decisionId: null });
  }

  async grantAwarded(manager: EntityManager, event: Event<'sanshe.funding.grant.awarded.v1'>): Promise<void> {
    const { grantId, communityCode, programId, organizationId, funderId, title, amount } = event.data;
    await this.record.recordGrant(manager, {
      ...{ grantId, communityCode, programId, organizationId, funderId, title, status: 'awarded' },
      amount: { amountFen: amount.amountFen, currency: amount.currency },
    });
  }

  async grantActivated(manager: EntityManager, event: Event<'sanshe.funding.grant.activated.v1'>): Promise<void> {
    const { grantId, communityCode, programId, organizationId, amount, tranches } = event.data;
    await this.record.recordGrant(manager, {
      ...{ grantId, communityCode, programId, organizationId, funderId: event.data.funderId ?? null, title: null },
      ...{ amount: { amountFen: amount.amountFen, currency: amount.currency }, status: 'active' },
    });
    for (const t of tranches) {
      await this.record.recordTranche(manager, {
        ...{ grantId, trancheNo: t.trancheNo, milestone: t.milestone, dueDate: t.dueDate, paid: null },
        amount: { amountFen: t.amount.amountFen, currency: t.amount.currency },
      });
    }
  }

  async grantVoided(manager: EntityManager, event: Event<'sanshe.funding.grant.voided.v1'>): Promise<void> {
    await this.record.voidGrant(manager, { grantId: event.data.grantId, reason: event.data.reason });
  }

  async tranchePaid(manager: EntityManager, event: Event<'sanshe.funding.tranche.paid.v1'>): Promise<void> {
    const { grantId, trancheNo, amount, paidAt } = event.data;
    await this.record.recordTranche(manager, {
      ...{ grantId, trancheNo, amount: null, milestone: null, dueDate: null },
      paid: { amount: { amountFen: amount.amountFen, currency: amount.currency }, paidAt: new Date(paidAt) },
    });
  }

  async evaluationRecorded(
    manager: EntityManager,
    event: Event<'sanshe.community.evaluation.recorded.v1'>,
  ): Promise<void> {
    const { evaluationId, activityId, organizationId, communityCode, evaluator, scores, recordedAt } = event.data;
    const { reach, satisfaction, outcome, efficiency } = scores;
    await this.record.recordEvaluation(manager, {
      ...{ evaluationId, activityId, organizationId, communityCode, evaluator },
      scores: Object.fromEntries(
        Object.entries({ reach, satisfaction, outcome, efficiency }).filter(([, v]) => v !== undefined),
      ),
      recordedAt: new Date(recordedAt),
    });
  }
}
