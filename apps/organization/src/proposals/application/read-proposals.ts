import { Injectable } from '@nestjs/common';
import type { Proposal } from '../domain/proposal';
import { ProposalNotFound } from '../domain/proposal-errors';
import { type ProposalFilter, ProposalRepository } from '../domain/proposal.repository';

/** The queries: one proposal (with its revisions) and an organization's proposals. */
@Injectable()
export class ReadProposalsHandler {
  constructor(private readonly proposals: ProposalRepository) {}

  async one(proposalId: string): Promise<Proposal> {
    const proposal = await this.proposals.find(proposalId);
    if (!proposal) throw new ProposalNotFound(`proposal ${proposalId} is not known`);
    return proposal;
  }

  list(filter: ProposalFilter): Promise<Proposal[]> {
    return this.proposals.list(filter);
  }
}
