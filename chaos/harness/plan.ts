import type { DecisionPolicyInput } from '@sanshe/contracts';
import { decisionWorkflowId } from '@sanshe/workflows';

/** The contexts the producer writes as (its outbox holds their events; governance accepts their channels). */
export type ProducingContext = 'organization' | 'community' | 'talent' | 'funding';

/** One event the producer writes through its outbox, with a deterministic id. */
export interface PlannedEvent {
  context: ProducingContext;
  type: string;
  id: string;
  subject: string;
  data: Record<string, unknown>;
}

export interface PlannedVote {
  partyId: string;
  choice: 'approve' | 'object' | 'abstain';
  event: PlannedEvent;
}

export interface PlannedDecision {
  decisionId: string;
  opening: PlannedEvent;
  /** Each must appear exactly once in the decision's audit trail; together they decide it. */
  votes: PlannedVote[];
}

export interface Plan {
  decisions: PlannedDecision[];
  /** Events written on purpose that must be dead-lettered (ids); none by default. */
  poison: string[];
}

export const COMMUNITY = 'chaos-community';
export const PORTAL = 'chaos-street';
const SECOND_IN_HOURS = 1 / 3600;

export const PARTIES = {
  committee: `community:${COMMUNITY}`,
  residents: `residents:${COMMUNITY}`,
  talent: 'talent:chaos-social-workers',
  funder: 'funder:chaos-welfare-fund',
  peer: 'organization:chaos-peer',
} as const;

/**
 * Every seat 2 of 10, quorum 6: three approvals decide. Windows are long (10 min) so that no outage of the
 * suite turns a planned vote into silence; deliberation is seconds long.
 */
export const CHAOS_POLICY: DecisionPolicyInput = {
  policyId: `activity-proposal.${COMMUNITY}`,
  decisionKind: 'activity-proposal',
  communityCode: COMMUNITY,
  title: 'Chaos-suite community',
  parties: [
    { partyId: PARTIES.committee, kind: 'community', title: 'Residents committee', weight: 2 },
    { partyId: PARTIES.residents, kind: 'residents', title: 'Residents', weight: 2 },
    { partyId: PARTIES.talent, kind: 'talent', title: 'Social workers', weight: 2 },
    { partyId: PARTIES.funder, kind: 'funder', title: 'Welfare fund', weight: 2 },
    { partyId: PARTIES.peer, kind: 'organization', title: 'Peer organization', weight: 2 },
  ].map((party) => ({ ...party, voteWindowHours: 600 * SECOND_IN_HOURS })),
  quorum: 6,
  deliberationHours: 5 * SECOND_IN_HOURS,
  maxAmendments: 1,
  escalation: [
    {
      arbiterId: `portal:${PORTAL}`,
      title: 'Street office',
      deadlineHours: 600 * SECOND_IN_HOURS,
      defaultOutcome: 'rejected',
    },
  ],
};

export const ORGANIZATION = 'org-chaos';

/** A vote with any choice; `round` is the round the voter saw (absent: the current one, as in round 1). */
export function plannedVote(
  decisionId: string,
  context: ProducingContext,
  partyId: string,
  id: string,
  choice: PlannedVote['choice'] = 'approve',
  round?: number,
): PlannedVote {
  const reason =
    choice === 'object' ? { reason: { code: 'budget-unclear', text: 'Show the budget line by line.' } } : {};
  return {
    partyId,
    choice,
    event: {
      context,
      type: `sanshe.${context}.decision.vote-cast.v1`,
      id,
      subject: decisionId,
      data: { decisionId, partyId, castBy: partyId, choice, ...reason, ...(round ? { round } : {}) },
    },
  };
}

/** An activity proposal of `communityCode` by ORGANIZATION, with no votes yet. */
export function proposal(
  proposalId: string,
  communityCode: string,
  title = `Chaos proposal ${proposalId}`,
): PlannedDecision {
  return {
    decisionId: decisionWorkflowId('activity-proposal', proposalId),
    opening: {
      context: 'organization',
      type: 'sanshe.organization.proposal.submitted.v1',
      id: `${proposalId}/submitted`,
      subject: proposalId,
      data: {
        proposalId,
        organizationId: ORGANIZATION,
        communityCode,
        title,
        summary: 'Planned by the chaos suite.',
      },
    },
    votes: [],
  };
}

/** `count` activity proposals, each opened by `organization` and approved by three votes on two topics. */
export function approvalPlan(scenario: string, count: number): Plan {
  const decisions = Array.from({ length: count }, (_, i): PlannedDecision => {
    const proposalId = `${scenario}-p${String(i).padStart(3, '0')}`;
    const decisionId = decisionWorkflowId('activity-proposal', proposalId);
    return {
      ...proposal(proposalId, COMMUNITY, `Chaos proposal ${i}`),
      votes: [
        plannedVote(decisionId, 'community', PARTIES.committee, `${proposalId}/vote/committee`),
        plannedVote(decisionId, 'community', PARTIES.residents, `${proposalId}/vote/residents`),
        plannedVote(decisionId, 'talent', PARTIES.talent, `${proposalId}/vote/talent`),
      ],
    };
  });
  return { decisions, poison: [] };
}
