import { Type } from '@sinclair/typebox';
import { defineEvent } from '../events/event-definition';
import { CommunityCode, Id, Instant, ProposalContent } from './common';
import { defineCallIn, defineVoteCast, ObjectionReason } from './decision';

/*
 * A social organization's proposals (活动方案), on sanshe.organization.events. Subject: the proposalId. The content
 * fields are ProposalContent's: submitted and filed carry the whole content, amended the fields that changed.
 */

const Title = Type.String({ minLength: 1, maxLength: 200 });
const Summary = Type.String({ maxLength: 4000 });

export const proposalSubmitted = defineEvent('sanshe.organization.proposal.submitted.v1', {
  description:
    'A social organization submitted an activity proposal to a community. Opens a multi-party decision in ' +
    'governance: kind activity-proposal, decisionId `decision/activity-proposal/<proposalId>`, proposer ' +
    '`organization:<organizationId>` (recused from voting on it). When it answers a community need, needId ' +
    'names it: the community matches the need once the decision is approved. Talent reads staffingPlan and ' +
    'category (issue 14) to assign social workers; funding reads programId and requestedFunding (issue 15). ' +
    'Every content field but title and summary is optional (issue 13 added them, additively). Subject: the ' +
    'proposalId.',
  data: Type.Object(
    {
      proposalId: Id,
      organizationId: Id,
      communityCode: CommunityCode,
      ...ProposalContent.properties,
      title: Title,
      summary: Summary,
      /** The proposal's first revision; amendments count on from 2. */
      revisionNo: Type.Optional(Type.Literal(1)),
    },
    { additionalProperties: true }, // consumers ignore fields they do not know (additive changes)
  ),
  example: {
    proposalId: 'prop-2026-0001',
    organizationId: 'org-xinhua-elderly-care',
    communityCode: '310104-005-001',
    revisionNo: 1,
    title: '社区长者午餐与探访',
    summary: 'Weekly lunch and home visits for residents over 75, run by volunteers and one certified social worker.',
    requestedFunding: { amountFen: 4_800_000, currency: 'CNY' },
    needId: 'need-2026-0031',
    programId: 'prog-2026-elderly-care',
    category: 'elderly-care',
    schedule: {
      kind: 'recurring',
      timeZone: 'Asia/Shanghai',
      recurrence: {
        startsOn: '2026-12-01',
        until: '2027-05-27',
        weekdays: [2, 4],
        startTime: '11:00',
        endTime: '13:00',
        intervalWeeks: 1,
      },
    },
    venueId: 'venue-tianping-canteen',
    expectedParticipants: 40,
    staffingPlan: [
      { role: 'certified-social-worker', count: 1, minLevel: 'social-worker' },
      { role: 'volunteer', count: 6 },
    ],
    usesResidentData: true,
  },
});

export const proposalAmended = defineEvent('sanshe.organization.proposal.amended.v1', {
  description:
    'The social organization revised a proposal it submitted, usually in answer to an objection during the ' +
    'deliberation window. Amends the open decision `decision/activity-proposal/<proposalId>`: governance opens ' +
    'a new voting round in which every party votes again (sanshe.governance.decision.round-opened.v1), or ' +
    'refuses the amendment (not the proposer, no deliberation open, amendment limit reached) with ' +
    'sanshe.governance.decision.vote-rejected.v1. Carries the new value of each content field that changed; ' +
    'absent = unchanged. Subject: the proposalId.',
  data: Type.Object(
    {
      proposalId: Id,
      organizationId: Id,
      communityCode: CommunityCode,
      /** What changed, for the other parties and the audit trail. */
      revision: Type.String({ minLength: 1, maxLength: 2000 }),
      /** The proposal's revision number after this amendment: 2 for the first. */
      revisionNo: Type.Optional(Type.Integer({ minimum: 2 })),
      ...ProposalContent.properties,
    },
    { additionalProperties: true },
  ),
  example: {
    proposalId: 'prop-2026-0001',
    organizationId: 'org-xinhua-elderly-care',
    communityCode: '310104-005-001',
    revision: '按居委会意见，午餐地点由活动室改为社区食堂，并补充了食品安全责任人和预算明细。',
    revisionNo: 2,
    summary:
      'Weekly lunch in the community canteen and home visits for residents over 75; a named food-safety officer and an itemised budget are attached.',
    venueId: 'venue-tianping-canteen',
  },
});

export const proposalFiled = defineEvent('sanshe.organization.proposal.filed.v1', {
  description:
    'A social organization filed a low-risk activity proposal instead of submitting it for approval (备案): by ' +
    'the filing rule of filingRuleVersion (FILING_RULE: no venue, no resident data, no money) it goes ahead at ' +
    'once. Governance checks the rule again and notices the filing to the parties of the community (' +
    'sanshe.governance.filing.noticed.v1); parties of enough controllers may call it in within the window, and ' +
    'then it is decided as if submitted (decisionId `decision/activity-proposal/<proposalId>`). The community ' +
    'matches no need on a filing. Subject: the proposalId.',
  data: Type.Object(
    {
      proposalId: Id,
      organizationId: Id,
      communityCode: CommunityCode,
      ...ProposalContent.properties,
      title: Title,
      summary: Summary,
      revisionNo: Type.Optional(Type.Literal(1)),
      /** The version of the filing rule the organization judged it by. */
      filingRuleVersion: Type.Integer({ minimum: 1 }),
      filedAt: Instant,
    },
    { additionalProperties: true },
  ),
  example: {
    proposalId: 'prop-2026-0002',
    organizationId: 'org-tianlin-youth-work',
    communityCode: '310104-005-001',
    revisionNo: 1,
    title: '周末亲子阅读角',
    summary: 'Saturday-morning reading corner for parents and children in the library of the neighbourhood school.',
    category: 'children-youth',
    schedule: {
      kind: 'one-off',
      timeZone: 'Asia/Shanghai',
      sessions: [{ startsAt: '2026-12-05T01:30:00.000Z', endsAt: '2026-12-05T03:00:00.000Z' }],
    },
    expectedParticipants: 20,
    staffingPlan: [{ role: 'volunteer', count: 3 }],
    usesResidentData: false,
    filingRuleVersion: 1,
    filedAt: '2026-11-27T08:00:00.000Z',
  },
});

export const proposalWithdrawn = defineEvent('sanshe.organization.proposal.withdrawn.v1', {
  description:
    'A social organization withdrew a proposal. withdrawnFrom `decision`: the proposal is before a decision ' +
    '(submitted, or a called-in filing); governance ends the decision with result withdrawn (decidedBy ' +
    'proposer) or refuses with sanshe.governance.decision.vote-rejected.v1 (decision-closed). withdrawnFrom ' +
    '`filing`: a filing not called in; governance closes the filing. Subject: the proposalId.',
  data: Type.Object(
    {
      proposalId: Id,
      organizationId: Id,
      communityCode: CommunityCode,
      withdrawnFrom: Type.Union([Type.Literal('decision'), Type.Literal('filing')]),
      reason: ObjectionReason,
    },
    { additionalProperties: true },
  ),
  example: {
    proposalId: 'prop-2026-0001',
    organizationId: 'org-xinhua-elderly-care',
    communityCode: '310104-005-001',
    withdrawnFrom: 'decision',
    reason: { code: 'capacity-changed', text: '原定社工离职，本季度无法保证服务质量，撤回方案，下季度重新提交。' },
  },
});

export const organizationDecisionVoteCast = defineVoteCast(
  'organization',
  'A social organization (party `organization:<organizationId>`), through the organization service,',
  {
    decisionId: 'decision/data-access/dar-2026-0012',
    partyId: 'organization:org-tianlin-youth-work',
    castBy: 'organization:org-tianlin-youth-work',
    choice: 'object',
    reason: {
      code: 'consent-missing',
      text: '申请的数据包含未成年人信息，但未说明如何取得监护人同意，请补充后再表决。',
    },
    round: 1,
  },
);

export const organizationFilingCallInRequested = defineCallIn(
  'organization',
  'A social organization (party `organization:<organizationId>`, e.g. the district federation), through the ' +
    'organization service,',
  {
    proposalId: 'prop-2026-0002',
    decisionId: 'decision/activity-proposal/prop-2026-0002',
    partyId: 'organization:district-federation',
    castBy: 'organization:district-federation',
    reason: { code: 'safeguarding', text: '活动面向未成年人，需说明志愿者的背景审查情况后再开展。' },
  },
);
