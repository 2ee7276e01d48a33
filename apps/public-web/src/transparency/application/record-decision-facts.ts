import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { EventType, SansheEvent } from '@sanshe/contracts';
import { decisionSeqOf } from '../domain/public-record';
import { type DecisionFact, PublicRecordRepository } from '../domain/public-record.repository';

type Governance<V extends string> = SansheEvent<Extract<EventType, `sanshe.governance.decision.${V}.v1`>>;

/** The four services' vote types (a portal's vote travels on its own commands topic, which is not public). */
export type ServiceVoteType =
  | 'sanshe.community.decision.vote-cast.v1'
  | 'sanshe.organization.decision.vote-cast.v1'
  | 'sanshe.talent.decision.vote-cast.v1'
  | 'sanshe.funding.decision.vote-cast.v1';

const NOTHING_DECIDED = {
  result: null,
  decidedBy: null,
  level: null,
  arbiterId: null,
  outcomeReason: null,
  tally: null,
  openedAt: null,
  decidedAt: null,
} satisfies Partial<DecisionFact>;

/** `decision/<kind>/<subjectId>` → its kind and subject. */
function partsOf(decisionId: string) {
  const [, kind = '', ...subject] = decisionId.split('/');
  return { kind, subjectId: subject.join('/') };
}

/**
 * Governance's decision events and the services' votes as public-record upserts, in the inbox transaction: who
 * sits in each round and until when, every vote (a refusal is kept beside it, so a refused vote never counts),
 * and each decision's stage and outcome by its audit position.
 */
@Injectable()
export class RecordDecisionFactsHandler {
  constructor(private readonly record: PublicRecordRepository) {}

  async opened(manager: EntityManager, event: Governance<'opened'>): Promise<void> {
    const { decisionId, kind, subjectId, communityCode, title, proposerId, round, pending } = event.data;
    const openedAt = new Date(event.time);
    await this.record.recordDecision(manager, {
      ...{ decisionId, kind, subjectId, communityCode, title, proposerId, stage: 'voting' },
      ...{ ...NOTHING_DECIDED, openedAt, seq: decisionSeqOf(event.id) },
    });
    await this.seats(manager, decisionId, round, pending, openedAt);
  }

  async roundOpened(manager: EntityManager, event: Governance<'round-opened'>): Promise<void> {
    const { decisionId, round, pending } = event.data;
    await this.stage(manager, event, 'voting');
    await this.seats(manager, decisionId, round, pending, new Date(event.time));
  }

  async deliberationOpened(manager: EntityManager, event: Governance<'deliberation-opened'>): Promise<void> {
    await this.stage(manager, event, 'deliberation');
  }

  async escalated(manager: EntityManager, event: Governance<'escalated'>): Promise<void> {
    const { level, arbiterId } = event.data;
    await this.stage(manager, event, 'escalated', { level, arbiterId });
  }

  async decided(manager: EntityManager, event: Governance<'decided'>): Promise<void> {
    const { decisionId, kind, subjectId, communityCode, result, decidedBy, level, reason, tally } = event.data;
    await this.record.recordDecision(manager, {
      ...{ decisionId, kind, subjectId, communityCode, title: null, proposerId: null, stage: 'decided' },
      ...{ ...NOTHING_DECIDED, result, decidedBy, level, outcomeReason: reason, tally },
      ...{ decidedAt: new Date(event.time), seq: decisionSeqOf(event.id, event.data.auditLength) },
    });
  }

  async voteRejected(manager: EntityManager, event: Governance<'vote-rejected'>): Promise<void> {
    const { decisionId, code, rejectedEventId, rejectedEventSource } = event.data;
    // Without the refused event's source, the refusal matches its id from any source (the queries' '').
    await this.record.recordRefusal(manager, {
      ...{ decisionId, code, eventId: rejectedEventId },
      source: rejectedEventSource ?? '',
    });
  }

  async voteCast(manager: EntityManager, event: SansheEvent<ServiceVoteType>): Promise<void> {
    const { decisionId, partyId, choice, reason, round } = event.data;
    await this.record.recordVote(manager, {
      ...{ source: event.source, eventId: event.id, decisionId, partyId, choice },
      ...{ round: round ?? null, castAt: new Date(event.time) },
      reason: reason ? { code: reason.code, text: reason.text } : null,
    });
  }

  private async seats(
    manager: EntityManager,
    decisionId: string,
    round: number,
    pending: readonly { partyId: string; deadline: string }[],
    openedAt: Date,
  ): Promise<void> {
    await this.record.recordSeats(
      manager,
      pending.map((p) => ({ decisionId, round, partyId: p.partyId, deadline: new Date(p.deadline), openedAt })),
    );
  }

  private async stage(
    manager: EntityManager,
    event: Governance<'round-opened' | 'deliberation-opened' | 'escalated'>,
    stage: DecisionFact['stage'],
    escalation: { level: number; arbiterId: string } | null = null,
  ): Promise<void> {
    const { decisionId } = event.data;
    await this.record.recordDecision(manager, {
      ...{ decisionId, ...partsOf(decisionId), communityCode: null, title: null, proposerId: null, stage },
      ...{ ...NOTHING_DECIDED, ...escalation, seq: decisionSeqOf(event.id) },
    });
  }
}
