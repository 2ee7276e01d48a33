import { Injectable } from '@nestjs/common';
import type { ProposalContent } from '../domain/proposal';
import { applyAmend } from '../domain/proposal-requests';
import { type Checked, ProposalSteps } from './proposal-steps';

/** POST /proposals/{id}/amend {revision, changes}. */
export interface AmendProposalCommand {
  proposalId: string;
  revisionText: string;
  changes: ProposalContent;
  createdBy: string;
}

/** Sends a new revision to governance as proposal.amended; governance opens a round or refuses it. */
@Injectable()
export class AmendProposalHandler {
  constructor(private readonly steps: ProposalSteps) {}

  execute({ proposalId, ...amendment }: AmendProposalCommand): Promise<Checked> {
    return this.steps.run(
      proposalId,
      (proposal) => applyAmend(proposal, { ...amendment, at: new Date().toISOString() }),
      { checkFacts: true },
    );
  }
}
