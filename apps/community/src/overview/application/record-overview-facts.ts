import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { EventType, SansheEvent } from '@sanshe/contracts';
import type { Delivery } from '@sanshe/messaging';
import { decisionSeqOf } from '../domain/community-overview';
import { OverviewRepository } from '../domain/overview.repository';

type Event<T extends EventType> = SansheEvent<T>;

const eventTime = (event: SansheEvent): Date => new Date(event.time ?? Date.now());

/** `decision/<kind>/<subjectId>` → its kind and subject (an escalation names only the decision). */
function partsOf(decisionId: string): { kind: string; subjectId: string } {
  const [, kind = '', ...subject] = decisionId.split('/');
  return { kind, subjectId: subject.join('/') };
}

/**
 * Turns the events the overview follows into read-model upserts, in the inbox transaction. A
 * proposal's events share its partition (keyed by proposalId), so the Kafka offset orders them; a
 * decision's events carry their position in its audit trail.
 */
@Injectable()
export class RecordOverviewFactsHandler {
  constructor(private readonly overview: OverviewRepository) {}

  async proposalSubmitted(
    manager: EntityManager,
    event: Event<'sanshe.organization.proposal.submitted.v1'>,
    delivery: Delivery,
  ): Promise<void> {
    const { proposalId, organizationId, communityCode, title } = event.data;
    const needId = (event.data as { needId?: string }).needId ?? null;
    await this.overview.proposalSubmitted(manager, {
      proposalId,
      organizationId,
      communityCode,
      title,
      needId,
      seq: Number(delivery.offset),
      submittedAt: eventTime(event),
    });
  }

  async proposalAmended(
    manager: EntityManager,
    event: Event<'sanshe.organization.proposal.amended.v1'>,
    delivery: Delivery,
  ): Promise<void> {
    const { proposalId, organizationId, communityCode, title } = event.data;
    await this.overview.proposalAmended(manager, {
      proposalId,
      organizationId,
      communityCode,
      title: title ?? null,
      seq: Number(delivery.offset),
      at: eventTime(event),
    });
  }

  async activityCompleted(manager: EntityManager, event: Event<'sanshe.organization.activity.completed.v1'>) {
    const { activityId, organizationId, communityCode, completedAt } = event.data;
    await this.overview.activityCompleted(manager, {
      activityId,
      organizationId,
      communityCode,
      completedAt: new Date(completedAt),
    });
  }

  async decisionOpened(manager: EntityManager, event: Event<'sanshe.governance.decision.opened.v1'>) {
    const { decisionId, kind, subjectId, communityCode, title } = event.data;
    await this.overview.recordDecision(manager, {
      ...{ decisionId, kind, subjectId, communityCode, title },
      ...{ stage: 'voting', escalationLevel: null, arbiterId: null, result: null, decidedBy: null },
      seq: decisionSeqOf(event.id),
      at: eventTime(event),
    });
  }

  async decisionEscalated(manager: EntityManager, event: Event<'sanshe.governance.decision.escalated.v1'>) {
    const { decisionId, level, arbiterId } = event.data;
    await this.overview.recordDecision(manager, {
      ...{ decisionId, ...partsOf(decisionId), communityCode: null, title: null },
      ...{ stage: 'escalated', escalationLevel: level, arbiterId, result: null, decidedBy: null },
      seq: decisionSeqOf(event.id),
      at: eventTime(event),
    });
  }

  async decisionDecided(manager: EntityManager, event: Event<'sanshe.governance.decision.decided.v1'>) {
    const { decisionId, kind, subjectId, communityCode, result, decidedBy, level, auditLength } = event.data;
    const at = eventTime(event);
    await this.overview.recordDecision(manager, {
      ...{ decisionId, kind, subjectId, communityCode, title: null },
      ...{ stage: 'decided', escalationLevel: level > 0 ? level : null, arbiterId: null, result, decidedBy },
      seq: decisionSeqOf(event.id, auditLength),
      at,
    });
    // Only a proposal's decision can end withdrawn (issue 13): a grant award is approved or rejected.
    if (kind === 'grant-award' && result !== 'withdrawn') {
      await this.overview.recordGrant(manager, {
        grantId: subjectId,
        communityCode,
        award: null,
        decided: { status: result, decisionId },
        at,
      });
    }
  }

  async grantAwarded(manager: EntityManager, event: Event<'sanshe.funding.grant.awarded.v1'>) {
    const { grantId, programId, communityCode, organizationId, funderId, amount, title } = event.data;
    await this.overview.recordGrant(manager, {
      grantId,
      communityCode,
      award: { programId, organizationId, funderId, amountFen: amount.amountFen, currency: amount.currency, title },
      decided: null,
      at: eventTime(event),
    });
  }
}
