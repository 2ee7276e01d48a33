import { Injectable } from '@nestjs/common';
import { applySubmit } from '../domain/proposal';
import { type Checked, ProposalSteps } from './proposal-steps';

/**
 * POST /proposals/{id}/submit: the draft goes to governance for a decision, as proposal.submitted
 * (revision 1, every field), in the transaction that marks it submitted.
 */
@Injectable()
export class SubmitProposalHandler {
  constructor(private readonly steps: ProposalSteps) {}

  execute(proposalId: string): Promise<Checked> {
    return this.steps.run(
      proposalId,
      async (proposal, manager) => applySubmit(proposal, await this.steps.proposer(manager, proposal.organizationId)),
      { checkFacts: true },
    );
  }
}
