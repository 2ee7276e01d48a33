import type { DecisionPolicy } from '@sanshe/contracts';
import type { DecisionInput } from '../../src/decision/decision.api';
import { decisionWorkflowId } from '../../src/decision/decision.api';

/** A street's activity-proposal policy: five seats, quorum 5 of 8, two escalation levels. */
export const streetPolicy = (overrides: Partial<DecisionPolicy> = {}): DecisionPolicy => ({
  policyId: 'activity-proposal.310104-005-001',
  version: 3,
  decisionKind: 'activity-proposal',
  communityCode: '310104-005-001',
  title: 'Activity proposals in 新华社区',
  parties: [
    {
      partyId: 'community:310104-005-001',
      kind: 'community',
      title: '新华社区居委会',
      weight: 2,
      voteWindowHours: 168,
    },
    {
      partyId: 'residents:310104-005-001',
      kind: 'residents',
      title: "Residents' representatives",
      weight: 2,
      voteWindowHours: 168,
    },
    {
      partyId: 'talent:xinhua-social-workers',
      kind: 'talent',
      title: 'Social workers of the street',
      weight: 1,
      voteWindowHours: 168,
    },
    {
      partyId: 'funder:xuhui-civil-affairs-fund',
      kind: 'funder',
      title: 'District welfare fund',
      weight: 2,
      voteWindowHours: 168,
    },
    {
      partyId: 'organization:org-peer-sunshine',
      kind: 'organization',
      title: 'Peer organization',
      weight: 1,
      voteWindowHours: 24,
    },
  ],
  quorum: 5,
  deliberationHours: 72,
  maxAmendments: 1,
  escalation: [
    { arbiterId: 'portal:street-xinhua', title: 'Xinhua street office', deadlineHours: 72, defaultOutcome: 'escalate' },
    {
      arbiterId: 'portal:xuhui-civil-affairs',
      title: 'Xuhui district civil-affairs bureau',
      deadlineHours: 120,
      defaultOutcome: 'rejected',
    },
  ],
  ...overrides,
});

export const PROPOSER = 'organization:org-xinhua-elderly-care';
export const COMMUNITY = 'community:310104-005-001';
export const RESIDENTS = 'residents:310104-005-001';
export const TALENT = 'talent:xinhua-social-workers';
export const FUNDER = 'funder:xuhui-civil-affairs-fund';
export const PEER = 'organization:org-peer-sunshine';
export const STREET = 'portal:street-xinhua';
export const DISTRICT = 'portal:xuhui-civil-affairs';

export function decisionInput(subjectId: string, policy = streetPolicy()): DecisionInput {
  const decisionId = decisionWorkflowId('activity-proposal', subjectId);
  return {
    decisionId,
    kind: 'activity-proposal',
    subjectId,
    communityCode: '310104-005-001',
    proposerId: PROPOSER,
    title: '社区长者午餐与探访',
    summary: 'Weekly lunch and home visits for residents over 75.',
    policy,
    openedBy: { eventId: `evt-${subjectId}`, type: 'sanshe.organization.proposal.submitted.v1' },
  };
}

export const approve = (partyId: string, round?: number) => ({
  partyId,
  castBy: partyId,
  choice: 'approve' as const,
  ...(round ? { round } : {}),
});
export const object = (partyId: string, code = 'safety') => ({
  partyId,
  castBy: partyId,
  choice: 'object' as const,
  reason: { code, text: 'Home visits need a second volunteer for safety.' },
});
export const abstain = (partyId: string) => ({ partyId, castBy: partyId, choice: 'abstain' as const });
