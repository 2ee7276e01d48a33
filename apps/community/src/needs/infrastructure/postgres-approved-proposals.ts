import { Injectable } from '@nestjs/common';
import { ActivityProposalRepository } from '../domain/activity-proposal.repository';
import { ApprovedProposals, type ProposalOutcome } from '../domain/approved-proposals';

/** ApprovedProposals over the same table: the outcome of a proposal, for bookings. */
@Injectable()
export class PostgresApprovedProposals extends ApprovedProposals {
  constructor(private readonly proposals: ActivityProposalRepository) {
    super();
  }

  async find(proposalId: string): Promise<ProposalOutcome | null> {
    const proposal = await this.proposals.find(proposalId);
    if (!proposal?.communityCode) return null;
    const { organizationId, communityCode, result } = proposal;
    return { proposalId, organizationId, communityCode, result };
  }
}
