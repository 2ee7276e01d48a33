import { Injectable } from '@nestjs/common';
import { FILING_RULE } from '@sanshe/contracts';
import { applyFile } from '../domain/proposal';
import { type Checked, ProposalSteps } from './proposal-steps';

/**
 * POST /proposals/{id}/file: a low-risk draft (FILING_RULE) is filed and goes ahead: proposal.filed and
 * its activity, scheduled through the activities port, in one transaction.
 */
@Injectable()
export class FileProposalHandler {
  constructor(private readonly steps: ProposalSteps) {}

  execute(proposalId: string): Promise<Checked> {
    return this.steps.run(
      proposalId,
      async (proposal, manager) => {
        const proposer = await this.steps.proposer(manager, proposal.organizationId);
        return applyFile(proposal, proposer, FILING_RULE, new Date().toISOString());
      },
      { checkFacts: true },
    );
  }
}
