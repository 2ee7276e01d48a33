import { FILING_RULE } from '@sanshe/contracts';
import { applyCreate, type Proposal, type ProposalContent, type ProposalStatus } from './proposal';

/* Proposals in each status, for the domain's specs (no Nest, no database). */

export const COMMUNITY = '310104-005-001';
export const AT = '2026-11-20T08:00:00.000Z';

export const COMPLETE: ProposalContent = {
  title: '社区长者午餐与探访',
  summary: 'Weekly lunch and home visits for residents over 75.',
  category: 'elderly-care',
  schedule: {
    kind: 'recurring',
    timeZone: 'Asia/Shanghai',
    recurrence: {
      ...{ startsOn: '2026-12-01', until: '2026-12-17', weekdays: [2, 4] },
      ...{ startTime: '09:30', endTime: '11:00', intervalWeeks: 1 },
    },
  },
  expectedParticipants: 30,
  staffingPlan: [
    { role: 'certified-social-worker', count: 1 },
    { role: 'volunteer', count: 4 },
  ],
};

export const REGISTERED = { status: 'registered', communitiesServed: [COMMUNITY] };

/** The contract's filing rule v1 (no venue, no resident data, no money). */
export const FILING = FILING_RULE;

export const draft = (content: ProposalContent = COMPLETE): Proposal =>
  applyCreate({
    ...{ proposalId: 'prop-1', organizationId: 'org-a', communityCode: COMMUNITY },
    ...{ content, createdBy: 'u-admin', at: AT },
  }).state;

const DECISION = 'decision/activity-proposal/prop-1';

/** A proposal as it stands in `status`, with revision 1 sent, a decision at audit seq 3 once governance has one. */
export function proposalIn(status: ProposalStatus): Proposal {
  const base = draft();
  if (status === 'draft') return base;
  if (status === 'discarded') return { ...base, status };
  const filed = status === 'filed';
  const revision = {
    ...base.revisions[0]!,
    status: 'sent' as const,
    eventId: `sanshe.organization.proposal.${filed ? 'filed' : 'submitted'}.v1:prop-1`,
  };
  const proposal: Proposal = { ...base, status, revisions: [revision], filingRuleVersion: filed ? 1 : null };
  if (status === 'submitted' || filed) return proposal;
  const stage = ({ deliberation: 'deliberation', escalated: 'escalated', 'under-review': 'voting' } as const)[
    status as 'deliberation'
  ];
  const decided = status === 'approved' || status === 'rejected' || status === 'withdrawn';
  return {
    ...proposal,
    decision: { decisionId: DECISION, stage: stage ?? 'decided', round: 1 },
    lastSeq: 3,
    result: decided ? status : null,
  };
}

export { DECISION };
