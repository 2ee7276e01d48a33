import { Type } from '@sinclair/typebox';
import { defineEvent } from '../events/event-definition';
import { CalendarDate, Id, literalUnion, StrictCommunityCode } from './common';
import { REPRESENTATIVE_BODIES, REPRESENTATIVE_REMOVAL_REASONS } from '../vocabulary/community-vocabulary';
import { defineCallIn, defineVoteCast } from './decision';

export const communityDecisionVoteCast = defineVoteCast(
  'community',
  'A community (party `community:<communityCode>`), through the community service,',
  {
    decisionId: 'decision/activity-proposal/prop-2026-0001',
    partyId: 'community:310104-005-001',
    castBy: 'community:310104-005-001',
    choice: 'approve',
    round: 1,
  },
);

const RepresentativeBody = literalUnion(REPRESENTATIVE_BODIES, {
  description: "committee: the residents' committee (party community:<code>); residents: residents' representatives",
});

export const representativeAppointed = defineEvent('sanshe.community.representative.appointed.v1', {
  description:
    "The street or district office appointed a representative of a community: a member of the residents' " +
    "committee (who casts the `community:<communityCode>` vote) or an elected residents' representative (who " +
    'casts `residents:<communityCode>`). A person sits in one body per community. No person id on the wire: ' +
    'the representativeId is what others refer to. Subject: the representativeId.',
  data: Type.Object(
    {
      representativeId: Id,
      communityCode: StrictCommunityCode,
      body: RepresentativeBody,
      /** The role as people call it, e.g. 居委会主任, 居民代表. */
      title: Type.String({ minLength: 1, maxLength: 100 }),
      termFrom: CalendarDate,
      /** Absent: until removed. */
      termTo: Type.Optional(CalendarDate),
    },
    { additionalProperties: true },
  ),
  example: {
    representativeId: 'rep-310104-005-001-0003',
    communityCode: '310104-005-001',
    body: 'residents',
    title: '居民代表（第3居民小组）',
    termFrom: '2026-01-01',
    termTo: '2028-12-31',
  },
});

export const representativeRemoved = defineEvent('sanshe.community.representative.removed.v1', {
  description:
    'A representative of a community left their body (term ended, resigned, recalled); from now on they cast ' +
    'no vote for it. Subject: the representativeId.',
  data: Type.Object(
    {
      representativeId: Id,
      communityCode: StrictCommunityCode,
      body: RepresentativeBody,
      reason: literalUnion(REPRESENTATIVE_REMOVAL_REASONS),
    },
    { additionalProperties: true },
  ),
  example: {
    representativeId: 'rep-310104-005-001-0003',
    communityCode: '310104-005-001',
    body: 'residents',
    reason: 'resigned',
  },
});

export const communityFilingCallInRequested = defineCallIn(
  'community',
  'A community (party `community:<communityCode>` or `residents:<communityCode>`), through the community service,',
  {
    proposalId: 'prop-2026-0002',
    decisionId: 'decision/activity-proposal/prop-2026-0002',
    partyId: 'community:310104-005-001',
    castBy: 'community:310104-005-001',
    reason: { code: 'venue-conflict', text: '同一时段社区活动室已安排老年大学课程，请说明活动地点后再开展。' },
  },
);
