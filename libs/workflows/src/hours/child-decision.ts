import * as wf from '@temporalio/workflow';
import type { DecisionInput } from '../decision/decision.api';
import { decisionWorkflow } from '../decision/decision.workflow';
import type { DecidedOutcome } from '../decision/domain/decision-state';
import { CommunityCodeKey, DecisionKindKey } from '../decision/search-attributes';
import type { ChildDecisionActivities, ChildDecisionOpening } from './activities';

const GOVERNANCE_OPTIONS: wf.ActivityOptions = {
  startToCloseTimeout: '30 seconds',
  // Governance's own database: keep trying while it is away (a missing policy heals once one is set).
  retry: { initialInterval: '1 second', maximumInterval: '1 minute' },
};
const { prepareChildDecision, applyParkedDecisionUpdates } =
  wf.proxyActivities<ChildDecisionActivities>(GOVERNANCE_OPTIONS);

export interface ChildDecisionResult {
  decisionId: string;
  /** With the tally it was decided on. */
  outcome: DecidedOutcome;
  /** The parties the bound policy seated (a disbursement lets them object during public notice). */
  seatedPartyIds: string[];
}

/**
 * Runs a decision as a child of the calling workflow (the hours dispute; issue 16's milestone checks):
 * governance binds the policy as for an opening event, the child starts under `decision/<kind>/<subject>`
 * so votes route to it by id and it publishes decision.opened/decided like any decision, then the votes
 * parked before it existed are applied. Abandoned, not terminated, if the parent ends first.
 */
export async function runChildDecision(opening: ChildDecisionOpening): Promise<ChildDecisionResult> {
  const input: DecisionInput = await prepareChildDecision(opening);
  const child = await wf.startChild(decisionWorkflow, {
    workflowId: input.decisionId,
    args: [input],
    parentClosePolicy: wf.ParentClosePolicy.ABANDON,
    typedSearchAttributes: [
      { key: DecisionKindKey, value: input.kind },
      { key: CommunityCodeKey, value: input.communityCode },
    ],
    staticSummary: `${input.kind} in ${input.communityCode}: ${input.title}`.slice(0, 200),
  });
  await applyParkedDecisionUpdates(input.decisionId);
  const seatedPartyIds = input.policy.parties.map((party) => party.partyId);
  return { decisionId: input.decisionId, outcome: await child.result(), seatedPartyIds };
}
