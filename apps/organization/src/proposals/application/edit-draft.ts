import { Injectable } from '@nestjs/common';
import { applyEdit, type mergeContent } from '../domain/proposal';
import { type Checked, ProposalSteps } from './proposal-steps';

/** PATCH /proposals/{id}: a merge patch of the draft's content (null removes a field). */
export interface EditDraftCommand {
  proposalId: string;
  changes: Parameters<typeof mergeContent>[1];
}

/** Changes a draft; anything else is refused (409 naming what its status allows). */
@Injectable()
export class EditDraftHandler {
  constructor(private readonly steps: ProposalSteps) {}

  execute({ proposalId, changes }: EditDraftCommand): Promise<Checked> {
    return this.steps.run(proposalId, (proposal) => applyEdit(proposal, changes), { checkFacts: true });
  }
}
