import { Type } from '@sinclair/typebox';
import { defineEvent } from '../events/event-definition';
import { PartyId } from '../governance/decision-policy';
import { CalendarDate, CommunityCode, Id, literalUnion, StrictCommunityCode } from './common';
import { REPRESENTATIVE_BODIES, REPRESENTATIVE_REMOVAL_REASONS } from '../vocabulary/community-vocabulary';
import { defineVoteCast } from './decision';

export const dataAccessRequested = defineEvent('sanshe.community.data-access.requested.v1', {
  description:
    "A party asked for access to residents' data the community holds (residents' data stays with the " +
    'community; access is granted by rule and consent, never by one party alone). Opens a multi-party decision ' +
    'in governance: kind data-access, decisionId `decision/data-access/<requestId>`, proposer the requesterId. ' +
    'Subject: the requestId.',
  data: Type.Object(
    {
      requestId: Id,
      communityCode: CommunityCode,
      /** Who asks, e.g. `organization:org-xinhua-elderly-care` or `talent:sw-2019-0457`. */
      requesterId: PartyId,
      /** Which data, as the community names its datasets, e.g. elderly-living-alone. */
      dataset: Type.String({ minLength: 1, maxLength: 200 }),
      /** What the data is for and for how long, for the parties who decide. */
      purpose: Type.String({ minLength: 1, maxLength: 2000 }),
    },
    { additionalProperties: true },
  ),
  subjectField: 'requestId',
  example: {
    requestId: 'dar-2026-0012',
    communityCode: '310104-005-001',
    requesterId: 'organization:org-xinhua-elderly-care',
    dataset: 'elderly-living-alone',
    purpose: '为75岁以上独居老人安排每周上门探访，仅使用姓名、楼栋门牌和紧急联系人，项目结束（2026年12月）后删除。',
  },
});

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
