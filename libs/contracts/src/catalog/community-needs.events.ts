import { Type } from '@sinclair/typebox';
import { defineEvent } from '../events/event-definition';
import { CalendarDate, Id, literalUnion, NeedCategory, StrictCommunityCode } from './common';
import { NEED_CLOSE_REASONS, NEED_PRIORITIES } from '../vocabulary/community-vocabulary';
import { DecisionId } from './decision';

/*
 * A community's needs (社区需求): published by its residents' committee, answered by an approved activity
 * (matched), then closed. Organizations read them to propose activities (proposal.submitted's needId);
 * portals show them. Subject: the needId.
 */

export const needPublished = defineEvent('sanshe.community.need.published.v1', {
  description:
    "A community's residents' committee published a need: what is needed, for whom, how many people, how " +
    'urgently and in which period. Open until an approved activity answers it (need.matched) or it is closed ' +
    '(need.closed). Subject: the needId.',
  data: Type.Object(
    {
      needId: Id,
      communityCode: StrictCommunityCode,
      category: NeedCategory,
      title: Type.String({ minLength: 1, maxLength: 200 }),
      description: Type.String({ minLength: 1, maxLength: 4000 }),
      /** Who it is for, e.g. 75岁以上独居老人. */
      targetGroup: Type.String({ minLength: 1, maxLength: 200 }),
      /** How many people it should reach; evaluation measures reach against it. */
      expectedSize: Type.Integer({ minimum: 1 }),
      priority: literalUnion(NEED_PRIORITIES),
      /** The days it should be met in, both included. */
      period: Type.Object({ from: CalendarDate, to: CalendarDate }, { additionalProperties: true }),
    },
    { additionalProperties: true },
  ),
  example: {
    needId: 'need-2026-0031',
    communityCode: '310104-005-001',
    category: 'elderly-care',
    title: '独居老人助餐与每周探访',
    description:
      '居民区内75岁以上独居老人约40人，其中12人行动不便，午餐靠子女临时送餐。希望有机构提供工作日助餐和每周一次上门探访。',
    targetGroup: '75岁以上独居老人',
    expectedSize: 40,
    priority: 'high',
    period: { from: '2026-04-01', to: '2026-12-31' },
  },
});

export const needMatched = defineEvent('sanshe.community.need.matched.v1', {
  description:
    'An approved activity answers the need: governance decided `approved` on the proposal (decisionId) that ' +
    'named this need. A need is matched once; a later approved proposal for it does not match it again. ' +
    'Subject: the needId.',
  data: Type.Object(
    {
      needId: Id,
      communityCode: StrictCommunityCode,
      proposalId: Id,
      organizationId: Id,
      decisionId: DecisionId,
    },
    { additionalProperties: true },
  ),
  example: {
    needId: 'need-2026-0031',
    communityCode: '310104-005-001',
    proposalId: 'prop-2026-0001',
    organizationId: 'org-xinhua-elderly-care',
    decisionId: 'decision/activity-proposal/prop-2026-0001',
  },
});

export const needClosed = defineEvent('sanshe.community.need.closed.v1', {
  description:
    "The residents' committee closed the need: met, withdrawn, or expired at the end of its period. Closed " +
    'is final. Subject: the needId.',
  data: Type.Object(
    {
      needId: Id,
      communityCode: StrictCommunityCode,
      reason: literalUnion(NEED_CLOSE_REASONS),
      note: Type.Optional(Type.String({ maxLength: 2000 })),
    },
    { additionalProperties: true },
  ),
  example: {
    needId: 'need-2026-0031',
    communityCode: '310104-005-001',
    reason: 'met',
    note: '助餐点已运营九个月，38位老人固定用餐，探访转由楼组长志愿者团队常态化开展。',
  },
});
