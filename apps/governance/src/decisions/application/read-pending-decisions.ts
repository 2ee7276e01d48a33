import { Inject, Injectable } from '@nestjs/common';
import { type PendingDecision, PendingDecisionRepository } from '../domain/pending-decision.repository';
import { TEMPORAL_UI_WORKFLOWS_URL } from '../decisions.tokens';

/** One open decision as the party it waits on sees it. */
export type PendingForParty = Omit<PendingDecision, 'pending'> & {
  /** When this party's vote (or ruling) is due; past it, silence counts as abstaining. */
  deadline: string;
  overdue: boolean;
  /** The decision in the Temporal UI, for its full state and history. */
  workflowUrl: string;
};

/** The approver's inbox: the open decisions that wait on one party, earliest deadline first. */
@Injectable()
export class ReadPendingDecisionsHandler {
  constructor(
    private readonly pending: PendingDecisionRepository,
    @Inject(TEMPORAL_UI_WORKFLOWS_URL) private readonly workflowsUrl: string,
  ) {}

  async waitingOn(partyId: string, now = new Date()): Promise<PendingForParty[]> {
    const decisions = await this.pending.waitingOn(partyId);
    return decisions.map(({ pending: _all, ...decision }) => ({
      ...decision,
      overdue: Date.parse(decision.deadline) < now.getTime(),
      workflowUrl: `${this.workflowsUrl}/${encodeURIComponent(decision.decisionId)}`,
    }));
  }
}
