import { Injectable } from '@nestjs/common';
import { applyDiscard, type Proposal } from '../domain/proposal';
import { ProposalSteps } from './proposal-steps';

/** DELETE /proposals/{id}: the draft is discarded (kept, never shown to others). */
@Injectable()
export class DiscardDraftHandler {
  constructor(private readonly steps: ProposalSteps) {}

  execute(proposalId: string): Promise<Proposal> {
    return this.steps.run(proposalId, applyDiscard);
  }
}
