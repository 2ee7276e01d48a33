import { Injectable } from '@nestjs/common';
import { applyWithdraw } from '../domain/proposal-requests';
import { type Checked, ProposalSteps } from './proposal-steps';

/** POST /proposals/{id}/withdraw {reason}. */
export interface WithdrawProposalCommand {
  proposalId: string;
  reason: { code: string; text: string };
}

/**
 * Withdraws: proposal.withdrawn, from the decision (governance closes it as withdrawn, the status
 * follows) or from the filing (withdrawn at once, the activity cancelled in the same transaction).
 */
@Injectable()
export class WithdrawProposalHandler {
  constructor(private readonly steps: ProposalSteps) {}

  execute({ proposalId, reason }: WithdrawProposalCommand): Promise<Checked> {
    return this.steps.run(proposalId, (proposal) => applyWithdraw(proposal, reason, new Date().toISOString()));
  }
}
