import type { DecisionPolicy } from '@sanshe/contracts';
import type { DecisionContext, ObjectionReason, VoteRequest } from '../../src/decision/domain/decision';

/** A street's activity-proposal policy: five seats, quorum 5 of 8, two escalation levels. */
export const COMMUNITY = 'community:310104-005-001';
export const RESIDENTS = 'residents:310104-005-001';
export const TALENT = 'talent:xinhua-social-workers';
export const FUNDER = 'funder:xuhui-civil-affairs-fund';
export const PEER = 'organization:org-peer-sunshine';
export const PROPOSER = 'organization:org-xinhua-elderly-care';
export const STREET = 'portal:street-xinhua';
export const DISTRICT = 'portal:xuhui-civil-affairs';

export const streetPolicy = (overrides: Partial<DecisionPolicy> = {}): DecisionPolicy => ({
  policyId: 'activity-proposal.310104-005-001',
  version: 3,
  decisionKind: 'activity-proposal',
  communityCode: '310104-005-001',
  title: 'Activity proposals in 新华社区',
  parties: [
    { partyId: COMMUNITY, kind: 'community', title: '新华社区居委会', weight: 2, voteWindowHours: 168 },
    { partyId: RESIDENTS, kind: 'residents', title: "Residents' representatives", weight: 2, voteWindowHours: 168 },
    { partyId: TALENT, kind: 'talent', title: 'Social workers of the street', weight: 1, voteWindowHours: 168 },
    { partyId: FUNDER, kind: 'funder', title: 'District welfare fund', weight: 2, voteWindowHours: 168 },
    { partyId: PEER, kind: 'organization', title: 'Peer organization', weight: 1, voteWindowHours: 24 },
  ],
  quorum: 5,
  deliberationHours: 72,
  maxAmendments: 1,
  escalation: [
    { arbiterId: STREET, title: 'Xinhua street office', deadlineHours: 72, defaultOutcome: 'escalate' },
    {
      arbiterId: DISTRICT,
      title: 'Xuhui district civil-affairs bureau',
      deadlineHours: 120,
      defaultOutcome: 'rejected',
    },
  ],
  ...overrides,
});

export const streetCtx = (overrides: Partial<DecisionPolicy> = {}, proposerId = PROPOSER): DecisionContext => ({
  policy: streetPolicy(overrides),
  proposerId,
});

export const SAFETY: ObjectionReason = { code: 'safety', text: 'Home visits need a second volunteer for safety.' };

export const approve = (partyId: string, round?: number): VoteRequest => ({
  partyId,
  castBy: partyId,
  choice: 'approve',
  ...(round === undefined ? {} : { round }),
});
export const object = (partyId: string, reason: ObjectionReason = SAFETY): VoteRequest => ({
  partyId,
  castBy: partyId,
  choice: 'object',
  reason,
});
export const abstain = (partyId: string): VoteRequest => ({ partyId, castBy: partyId, choice: 'abstain' });
