import { Inject, Injectable } from '@nestjs/common';
import { getDataSourceToken } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { OrganizationDirectory } from '../../registry/domain/organization-directory';
import type { Proposal, Proposer, Step } from '../domain/proposal';
import { OrganizationNotFound, ProposalNotFound } from '../domain/proposal-errors';
import { ProposalRepository } from '../domain/proposal.repository';
import { ProposalEffects } from './proposal-effects';

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
  ) {}

  run(
    proposalId: string,
    step: (proposal: Proposal, manager: EntityManager) => Step | Promise<Step>,
  ): Promise<Proposal> {
    return this.dataSource.transaction(async (manager) => {
      const proposal = await this.proposals.lock(manager, proposalId);
      if (!proposal) throw new ProposalNotFound(`proposal ${proposalId} is not known`);
      const { state, facts } = await step(proposal, manager);
      if (state !== proposal) await this.proposals.save(manager, state);
      await this.effects.apply(manager, facts);
      return state;
    });
  }

  /** The organization as the registry knows it now, in the step's transaction. */
  async proposer(manager: EntityManager, organizationId: string): Promise<Proposer> {
    const entry = await this.directory.find(organizationId, manager);
    if (!entry) throw new OrganizationNotFound(`organization ${organizationId} is not registered here`);
    return entry;
  }
}
