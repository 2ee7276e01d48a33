import { Inject, Injectable } from '@nestjs/common';
import { getDataSourceToken } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import type { FieldProblem } from '@sanshe/contracts';
import { OrganizationDirectory } from '../../registry/domain/organization-directory';
import { checkCommunityFacts } from '../domain/community-facts';
import { CommunityFactsRepository } from '../domain/community-facts.repository';
import { contentOf, type Proposal, type Proposer, type Step } from '../domain/proposal';
import { OrganizationNotFound, ProposalNotFound } from '../domain/proposal-errors';
import { ProposalRepository } from '../domain/proposal.repository';
import { ProposalEffects } from './proposal-effects';

/** A proposal after a command, and the soft checks' warnings for the reply (never for an event). */
export interface Checked {
  proposal: Proposal;
  warnings: FieldProblem[];
}

/**
 * How every command on an existing proposal runs: one transaction that locks it (its writers take
 * turns), applies the pure step, stores the result and carries out the step's facts (events, activity).
 * A refused step throws before anything is written.
 */
@Injectable()
export class ProposalSteps {
  constructor(
    @Inject(getDataSourceToken()) private readonly dataSource: DataSource,
    private readonly proposals: ProposalRepository,
    private readonly directory: OrganizationDirectory,
    private readonly effects: ProposalEffects,
    private readonly facts: CommunityFactsRepository,
  ) {}

  /** With `checkFacts`, the content that results is checked against the community's needs and venues. */
  run(
    proposalId: string,
    step: (proposal: Proposal, manager: EntityManager) => Step | Promise<Step>,
    { checkFacts = false } = {},
  ): Promise<Checked> {
    return this.dataSource.transaction((manager) => this.runIn(manager, proposalId, step, { checkFacts }));
  }

  /** As run, in the caller's transaction (a deregistration ends each proposal in the registry's). */
  async runIn(
    manager: EntityManager,
    proposalId: string,
    step: (proposal: Proposal, manager: EntityManager) => Step | Promise<Step>,
    { checkFacts = false } = {},
  ): Promise<Checked> {
    const proposal = await this.proposals.lock(manager, proposalId);
    if (!proposal) throw new ProposalNotFound(`proposal ${proposalId} is not known`);
    const { state, facts } = await step(proposal, manager);
    const warnings = checkFacts ? await this.checkFacts(manager, state) : [];
    if (state !== proposal) await this.proposals.save(manager, state);
    await this.effects.apply(manager, facts);
    return { proposal: state, warnings };
  }

  /** The soft checks of the content in force (domain/community-facts.ts): throws, or returns the warnings. */
  async checkFacts(manager: EntityManager, proposal: Proposal): Promise<FieldProblem[]> {
    const content = contentOf(proposal);
    const need = content.needId === undefined ? null : await this.facts.need(manager, content.needId);
    const venue = content.venueId === undefined ? null : await this.facts.venue(manager, content.venueId);
    return checkCommunityFacts(proposal.communityCode, content, { need, venue });
  }

  /** The organization as the registry knows it now, in the step's transaction. */
  async proposer(manager: EntityManager, organizationId: string): Promise<Proposer> {
    const entry = await this.directory.find(organizationId, manager);
    if (!entry) throw new OrganizationNotFound(`organization ${organizationId} is not registered here`);
    return entry;
  }
}
