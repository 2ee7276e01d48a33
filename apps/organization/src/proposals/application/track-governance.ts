import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { applyGovernance, type GovernanceEffect, type GovernanceFact } from '../domain/proposal-governance';
import { ProposalRepository } from '../domain/proposal.repository';
import { ProposalEffects } from './proposal-effects';

/**
 * Keeps a proposal's status from governance's events, in the inbox's transaction (`manager`): the
 * proposal is locked, the fact applied (stale, repeated and post-outcome facts change nothing), and
 * what the outcome calls for done at once — the approved proposal's activity scheduled, a called-in
 * one paused, resumed or cancelled — so a redelivered or re-sent outcome has no second effect.
 */
@Injectable()
export class TrackGovernanceHandler {
  constructor(
    private readonly proposals: ProposalRepository,
    private readonly effects: ProposalEffects,
  ) {}

  /** What the fact did; `unknown` when the proposal is not this service's (another's, or never submitted here). */
  async execute(
    manager: EntityManager,
    proposalId: string,
    fact: GovernanceFact,
  ): Promise<GovernanceEffect | 'unknown'> {
    const proposal = await this.proposals.lock(manager, proposalId);
    if (!proposal) return 'unknown';
    const { state, facts, effect } = applyGovernance(proposal, fact);
    if (state !== proposal) await this.proposals.save(manager, state);
    await this.effects.apply(manager, facts);
    return effect;
  }
}
