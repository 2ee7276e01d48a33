import { Injectable, type OnModuleInit } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { type Deregistration, DeregistrationListeners } from '../../registry/domain/deregistration-listeners';
import { applyDeregistration, ENDED_BY_DEREGISTRATION } from '../domain/proposal-requests';
import { ProposalRepository } from '../domain/proposal.repository';
import { ProposalSteps } from './proposal-steps';

/**
 * When the registrar deregisters an organization, in the status change's transaction: its drafts are
 * discarded and every proposal still before governance is withdrawn through the withdraw step
 * (proposal.withdrawn, reason `organization-deregistered`), so none is approved and funded for an
 * organization that no longer exists. Each proposal is locked and stepped as a command would be.
 */
@Injectable()
export class EndProposalsOnDeregistration implements OnModuleInit {
  constructor(
    private readonly listeners: DeregistrationListeners,
    private readonly proposals: ProposalRepository,
    private readonly steps: ProposalSteps,
  ) {}

  onModuleInit(): void {
    this.listeners.register('proposals', 'withdraw-proposals', (manager, deregistration) =>
      this.end(manager, deregistration),
    );
  }

  async end(manager: EntityManager, { organizationId, reason, at }: Deregistration): Promise<void> {
    const ids = await this.proposals.idsOf(manager, organizationId, ENDED_BY_DEREGISTRATION);
    for (const proposalId of ids) {
      await this.steps.runIn(manager, proposalId, (proposal) => applyDeregistration(proposal, reason, at));
    }
  }
}
