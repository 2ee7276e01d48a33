import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import {
  type ActivityProposal,
  applyDecided,
  applySubmitted,
  matchOf,
  type ProposalDecided,
  type ProposalSubmitted,
} from '../domain/activity-proposal';
import { ActivityProposalRepository } from '../domain/activity-proposal.repository';
import { MatchNeedHandler } from './match-need';

/**
 * Keeps the activity-proposal read model from the organization's proposal.submitted and governance's
 * decision.decided, in whichever order they arrive, in the inbox's transaction. Once both are known
 * and the proposal was approved for a need, the need is matched in that same transaction.
 */
@Injectable()
export class TrackActivityProposalHandler {
  constructor(
    private readonly proposals: ActivityProposalRepository,
    private readonly matchNeed: MatchNeedHandler,
  ) {}

  submitted(manager: EntityManager, submitted: ProposalSubmitted): Promise<ActivityProposal> {
    return this.apply(manager, submitted.proposalId, (proposal) => applySubmitted(proposal, submitted));
  }

  decided(manager: EntityManager, decided: ProposalDecided): Promise<ActivityProposal> {
    return this.apply(manager, decided.proposalId, (proposal) => applyDecided(proposal, decided));
  }

  private async apply(
    manager: EntityManager,
    proposalId: string,
    change: (proposal: ActivityProposal) => ActivityProposal,
  ): Promise<ActivityProposal> {
    const proposal = change(await this.proposals.lock(manager, proposalId));
    await this.proposals.update(manager, proposal);
    const match = matchOf(proposal);
    if (match) await this.matchNeed.execute(manager, { ...match, communityCode: proposal.communityCode! });
    return proposal;
  }
}
