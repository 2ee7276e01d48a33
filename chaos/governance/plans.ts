import type { DecisionPolicyInput } from '@sanshe/contracts';
import { decisionWorkflowId } from '@sanshe/workflows';
import { CHAOS_POLICY, ORGANIZATION, type PlannedDecision, type PlannedEvent } from '../harness/plan';

/** Plans of the governance scenarios beyond approvalPlan's three approvals: objections, amendments, other kinds. */

const MINUTES_IN_HOURS = 1 / 60;

/** The proposer's amendment of an activity proposal (a new round), as the organization service writes it. */
export function amendment(decision: PlannedDecision, id: string, revision: string): PlannedEvent {
  const { proposalId, communityCode } = decision.opening.data as { proposalId: string; communityCode: string };
  return {
    context: 'organization',
    type: 'sanshe.organization.proposal.amended.v1',
    id,
    subject: proposalId,
    data: { proposalId, organizationId: ORGANIZATION, communityCode, revision },
  };
}

/** CHAOS_POLICY's seats for another community, with a 10-minute deliberation window (time to kill and restart). */
export function slowDeliberationPolicy(communityCode: string): DecisionPolicyInput {
  return {
    ...CHAOS_POLICY,
    policyId: `activity-proposal.${communityCode}`,
    communityCode,
    title: 'Chaos-suite community with a long deliberation',
    deliberationHours: 10 * MINUTES_IN_HOURS,
  };
}

/** A data-access request of `communityCode` (opened by the community context), with no votes yet. */
export function dataAccessRequest(requestId: string, communityCode: string): PlannedDecision {
  return {
    decisionId: decisionWorkflowId('data-access', requestId),
    opening: {
      context: 'community',
      type: 'sanshe.community.data-access.requested.v1',
      id: `${requestId}/requested`,
      subject: requestId,
      data: {
        requestId,
        communityCode,
        requesterId: 'organization:chaos-researcher',
        dataset: 'elderly-living-alone',
        purpose: 'Planned by the chaos suite.',
      },
    },
    votes: [],
  };
}

/** CHAOS_POLICY's seats and windows for data access in `communityCode`. */
export const dataAccessPolicy = (communityCode: string): DecisionPolicyInput => ({
  ...CHAOS_POLICY,
  policyId: `data-access.${communityCode}`,
  decisionKind: 'data-access',
  communityCode,
  title: 'Chaos-suite data access',
});
