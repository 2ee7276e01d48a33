import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { EventType, SansheEvent } from '@sanshe/contracts';
import { communityEligible, filingAfterNotice, filingAfterWithdrawal } from '../domain/community-filing';
import { FilingRepository } from '../domain/filing.repository';
import { COMMUNITY_SOURCE } from './track-decisions';

type Governance<T extends string> = SansheEvent<Extract<EventType, `sanshe.governance.${T}.v1`>>;

/**
 * Keeps the community's view of governance's filings (filing instead of approval), from governance's
 * events, in the inbox's transaction (`manager`). Only filings that seat a community or residents party
 * are kept; every change is idempotent, so a redelivered or republished event has no second effect.
 */
@Injectable()
export class TrackFilings {
  constructor(private readonly filings: FilingRepository) {}

  async noticed(event: Governance<'filing.noticed'>, manager: EntityManager): Promise<void> {
    const { decisionId, proposalId, communityCode, proposerId, callInUntil, eligiblePartyIds } = event.data;
    const eligible = communityEligible(eligiblePartyIds);
    if (eligible.length === 0) return; // nothing for the community to call in
    const filing = { decisionId, proposalId, communityCode, proposerId, callInUntil };
    const known = await this.filings.lockByDecision(manager, decisionId);
    const next = filingAfterNotice(known, { ...filing, eligiblePartyIds: eligible, status: 'noticed' });
    if (next) await this.filings.save(manager, next);
  }

  /** Withdrawn by its proposer: closed, so no call-in is taken any more (in any order with its notice). */
  async withdrawn(event: Governance<'filing.withdrawn'>, manager: EntityManager): Promise<void> {
    const { decisionId, proposalId, communityCode, organizationId, withdrawnAt } = event.data;
    const known = await this.filings.lockByDecision(manager, decisionId);
    const withdrawal = { decisionId, proposalId, communityCode, withdrawnAt };
    const next = filingAfterWithdrawal(known, { ...withdrawal, proposerId: `organization:${organizationId}` });
    if (next) await this.filings.save(manager, next);
  }

  /** Called in (by parties, or at once as not low-risk): no call-in is taken any more; the decision follows. */
  async calledIn(event: Governance<'filing.called-in'>, manager: EntityManager): Promise<void> {
    await this.filings.calledIn(manager, event.data.decisionId);
  }

  /** Governance refused an event: if it was one of the community's call-ins, the call-in shows why. */
  async callInRejected(event: Governance<'decision.vote-rejected'>, manager: EntityManager): Promise<void> {
    const { rejectedEventSource, rejectedEventId, code, reason } = event.data;
    if (rejectedEventSource !== COMMUNITY_SOURCE) return;
    await this.filings.rejectCallIn(manager, rejectedEventId, { code, reason });
  }
}
