import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { EventType, SansheEvent } from '@sanshe/contracts';
import { communitySeats, nextStage } from '../domain/community-decision';
import { DecisionRepository } from '../domain/decision.repository';

type Governance<T extends string> = SansheEvent<Extract<EventType, `sanshe.governance.decision.${T}.v1`>>;

/** The community's own event source: only refusals of what this service sent are its votes. */
export const COMMUNITY_SOURCE = 'sanshe/community';

/**
 * Keeps the community's view of governance's decisions, from governance's events, in the inbox's
 * transaction (`manager`). Only decisions that seat a community or residents party are kept; every
 * change is idempotent, so a redelivered or republished event has no second effect.
 */
@Injectable()
export class TrackDecisions {
  constructor(private readonly decisions: DecisionRepository) {}

  async opened(event: Governance<'opened'>, manager: EntityManager): Promise<void> {
    const { decisionId, kind, subjectId, communityCode, title, round, pending } = event.data;
    const seats = communitySeats(pending, round);
    if (seats.length === 0) return; // nothing for the community to vote on
    const decision = {
      decisionId,
      kind,
      subjectId,
      communityCode,
      title,
      stage: 'voting' as const,
      round,
      result: null,
    };
    await this.decisions.open(manager, decision, seats);
  }

  async roundOpened(event: Governance<'round-opened'>, manager: EntityManager): Promise<void> {
    const { decisionId, round, pending } = event.data;
    const decision = await this.decisions.lock(manager, decisionId);
    if (!decision || decision.stage === 'closed' || round <= decision.round) return;
    await this.decisions.update(manager, decisionId, { stage: nextStage(decision.stage, 'round-opened'), round });
    await this.decisions.replaceSeats(manager, decisionId, communitySeats(pending, round));
  }

  async moved(decisionId: string, to: 'deliberation-opened' | 'escalated', manager: EntityManager): Promise<void> {
    const decision = await this.decisions.lock(manager, decisionId);
    if (!decision) return;
    await this.decisions.update(manager, decisionId, { stage: nextStage(decision.stage, to) });
  }

  async decided(event: Governance<'decided'>, manager: EntityManager): Promise<void> {
    const { decisionId, result } = event.data;
    const decision = await this.decisions.lock(manager, decisionId);
    if (!decision || decision.stage === 'closed') return;
    await this.decisions.update(manager, decisionId, { stage: 'closed', result });
  }

  /** Governance refused an event: if it was one of the community's votes, the vote shows why. */
  async voteRejected(event: Governance<'vote-rejected'>, manager: EntityManager): Promise<void> {
    const { rejectedEventSource, rejectedEventId, code, reason } = event.data;
    if (rejectedEventSource !== COMMUNITY_SOURCE) return;
    await this.decisions.rejectVote(manager, rejectedEventId, { code, reason });
  }
}
