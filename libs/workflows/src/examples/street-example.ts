import type { DecisionPolicy, ObjectionReason } from '@sanshe/contracts/pure';
import { type DecisionInput, decisionWorkflowId } from '../decision/decision.api';

const COMMUNITY_CODE = '310104-005-001';

/** Who takes part in the example: five seats, the proposer, and the two arbiters of its escalation. */
const parties = {
  community: `community:${COMMUNITY_CODE}`,
  residents: `residents:${COMMUNITY_CODE}`,
  talent: 'talent:xinhua-social-workers',
  funder: 'funder:xuhui-civil-affairs-fund',
  peer: 'organization:org-peer-sunshine',
  proposer: 'organization:org-xinhua-elderly-care',
  street: 'portal:street-xinhua',
  district: 'portal:xuhui-civil-affairs',
};

/** A street's activity-proposal policy: five seats weighted 2/2/1/2/1, quorum 5 of 8, two escalation levels. */
const policy = (overrides: Partial<DecisionPolicy> = {}): DecisionPolicy => ({
  policyId: `activity-proposal.${COMMUNITY_CODE}`,
  version: 3,
  decisionKind: 'activity-proposal',
  communityCode: COMMUNITY_CODE,
  title: 'Activity proposals in 新华社区',
  parties: [
    { partyId: parties.community, kind: 'community', title: '新华社区居委会', weight: 2, voteWindowHours: 168 },
    {
      partyId: parties.residents,
      kind: 'residents',
      title: "Residents' representatives",
      weight: 2,
      voteWindowHours: 168,
    },
    { partyId: parties.talent, kind: 'talent', title: 'Social workers of the street', weight: 1, voteWindowHours: 168 },
    { partyId: parties.funder, kind: 'funder', title: 'District welfare fund', weight: 2, voteWindowHours: 168 },
    { partyId: parties.peer, kind: 'organization', title: 'Peer organization', weight: 1, voteWindowHours: 24 },
  ],
  quorum: 5,
  deliberationHours: 72,
  maxAmendments: 1,
  escalation: [
    { arbiterId: parties.street, title: 'Xinhua street office', deadlineHours: 72, defaultOutcome: 'escalate' },
    {
      arbiterId: parties.district,
      title: 'Xuhui district civil-affairs bureau',
      deadlineHours: 120,
      defaultOutcome: 'rejected',
    },
  ],
  ...overrides,
});

/** The proposer's activity proposal for `subjectId`, opened under `policy`. */
const decisionInput = (subjectId: string, decisionPolicy = policy()): DecisionInput => ({
  decisionId: decisionWorkflowId('activity-proposal', subjectId),
  kind: 'activity-proposal',
  subjectId,
  communityCode: COMMUNITY_CODE,
  proposerId: parties.proposer,
  title: '社区长者午餐与探访',
  summary: 'Weekly lunch and home visits for residents over 75.',
  policy: decisionPolicy,
  openedBy: { eventId: `evt-${subjectId}`, type: 'sanshe.organization.proposal.submitted.v1' },
});

/** The reason a party gives when it objects. */
const objection: ObjectionReason = { code: 'safety', text: 'Home visits need a second volunteer for safety.' };

/**
 * One worked example of a decision, as data: the workflow tests' standard case and the measured
 * workload of `npm run bench:decisions` (see README.md, "Performance"), defined once so both stay the same.
 */
export const streetExample = { parties, policy, decisionInput, objection };
