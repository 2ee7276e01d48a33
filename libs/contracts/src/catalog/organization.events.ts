import { Type } from '@sinclair/typebox';
import { defineEvent } from '../events/event-definition';
import { CommunityCode, Id, Instant, MoneyFen, ResidentPseudonym } from './common';
import { defineVoteCast } from './decision';

export const proposalSubmitted = defineEvent('sanshe.organization.proposal.submitted.v1', {
  description:
    'A social organization submitted an activity proposal to a community. Opens a multi-party decision in ' +
    'governance: kind activity-proposal, decisionId `decision/activity-proposal/<proposalId>`, proposer ' +
    '`organization:<organizationId>` (recused from voting on it). When it answers a community need, needId ' +
    'names it: the community matches the need once the decision is approved. Issue 13 adds more fields, ' +
    'additively. Subject: the proposalId.',
  data: Type.Object(
    {
      proposalId: Id,
      organizationId: Id,
      communityCode: CommunityCode,
      title: Type.String({ minLength: 1, maxLength: 200 }),
      summary: Type.String({ maxLength: 4000 }),
      requestedFunding: Type.Optional(MoneyFen),
      /** The community need (sanshe.community.need.published.v1) this activity answers, if any. */
      needId: Type.Optional(Id),
    },
    { additionalProperties: true }, // consumers ignore fields they do not know (additive changes)
  ),
  example: {
    proposalId: 'prop-2026-0001',
    organizationId: 'org-xinhua-elderly-care',
    communityCode: '310104-005-001',
    title: '社区长者午餐与探访',
    summary: 'Weekly lunch and home visits for residents over 75, run by volunteers and one certified social worker.',
    requestedFunding: { amountFen: 4_800_000, currency: 'CNY' },
    needId: 'need-2026-0031',
  },
});

export const proposalAmended = defineEvent('sanshe.organization.proposal.amended.v1', {
  description:
    'The social organization revised a proposal it submitted, usually in answer to an objection during the ' +
    'deliberation window. Amends the open decision `decision/activity-proposal/<proposalId>`: governance opens ' +
    'a new voting round in which every party votes again (sanshe.governance.decision.round-opened.v1), or ' +
    'refuses the amendment (not the proposer, no deliberation open, amendment limit reached) with ' +
    'sanshe.governance.decision.vote-rejected.v1. Subject: the proposalId.',
  data: Type.Object(
    {
      proposalId: Id,
      organizationId: Id,
      communityCode: CommunityCode,
      /** What changed, for the other parties and the audit trail. */
      revision: Type.String({ minLength: 1, maxLength: 2000 }),
      /** The new title, when it changed. */
      title: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
      /** The new summary, when it changed. */
      summary: Type.Optional(Type.String({ maxLength: 4000 })),
    },
    { additionalProperties: true },
  ),
  example: {
    proposalId: 'prop-2026-0001',
    organizationId: 'org-xinhua-elderly-care',
    communityCode: '310104-005-001',
    revision: '按居委会意见，午餐地点由活动室改为社区食堂，并补充了食品安全责任人和预算明细。',
    summary:
      'Weekly lunch in the community canteen and home visits for residents over 75; a named food-safety officer and an itemised budget are attached.',
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

export const activityCompleted = defineEvent('sanshe.organization.activity.completed.v1', {
  description:
    'A social organization completed an approved activity (proposalId) in a community: how many sessions it ' +
    'held and how many people came. Opens its evaluation in the community service (reach from attendance ' +
    "against the need's expected size; residents listed in participantIds may rate it). Minimal; issue 13 " +
    'adds the report and evidence additively. Subject: the activityId.',
  data: Type.Object(
    {
      activityId: Id,
      proposalId: Id,
      organizationId: Id,
      communityCode: CommunityCode,
      /** The community need it answered, as named by the proposal. */
      needId: Type.Optional(Id),
      completedAt: Instant,
      sessionsHeld: Type.Integer({ minimum: 0 }),
      /** Distinct people who took part. */
      attendance: Type.Integer({ minimum: 0 }),
      /** Residents who took part, by pseudonym (never a name); absent = not recorded. */
      participantIds: Type.Optional(Type.Array(ResidentPseudonym, { maxItems: 5000 })),
    },
    { additionalProperties: true },
  ),
  example: {
    activityId: 'act-2026-0009',
    proposalId: 'prop-2026-0001',
    organizationId: 'org-xinhua-elderly-care',
    communityCode: '310104-005-001',
    needId: 'need-2026-0031',
    completedAt: '2026-09-30T10:00:00.000Z',
    sessionsHeld: 26,
    attendance: 36,
    participantIds: ['rp-3f8k2m1q', 'rp-9d7w4x2n', 'rp-5t6y7u8i'],
  },
});
