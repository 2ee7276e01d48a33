import { Injectable } from '@nestjs/common';
import { applyDiscard } from '../domain/proposal';
import { type Checked, ProposalSteps } from './proposal-steps';

/** DELETE /proposals/{id}: the draft is discarded (kept, never shown to others). */
@Injectable()
export class DiscardDraftHandler {
  constructor(private readonly steps: ProposalSteps) {}

  execute(proposalId: string): Promise<Checked> {
    return this.steps.run(proposalId, applyDiscard);
  }
}
