import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { getDataSourceToken } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { applyCreate, type ProposalContent } from '../domain/proposal';
import { ProposalRepository } from '../domain/proposal.repository';
import { type Checked, ProposalSteps } from './proposal-steps';

/** POST /organizations/{id}/proposals: a draft (its body already matches the schema). */
export interface CreateDraftCommand {
  organizationId: string;
  communityCode: string;
  content: ProposalContent;
  createdBy: string;
}

/** Starts a draft of a known organization: checked, stored, no event (a draft is the organization's own). */
@Injectable()
export class CreateDraftHandler {
  constructor(
    @Inject(getDataSourceToken()) private readonly dataSource: DataSource,
    private readonly proposals: ProposalRepository,
    private readonly steps: ProposalSteps,
  ) {}

  execute(command: CreateDraftCommand): Promise<Checked> {
    return this.dataSource.transaction(async (manager) => {
      await this.steps.proposer(manager, command.organizationId); // 404 for an unknown organization
      const at = new Date().toISOString();
      const { state } = applyCreate({ ...command, proposalId: `prop-${randomUUID()}`, at });
      const warnings = await this.steps.checkFacts(manager, state);
      await this.proposals.insert(manager, state);
      return { proposal: state, warnings };
    });
  }
}
