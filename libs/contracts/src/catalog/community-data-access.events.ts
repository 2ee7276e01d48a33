import { Type } from '@sinclair/typebox';
import { defineEvent } from '../events/event-definition';
import { PartyId } from '../governance/decision-policy';
import { CONSENT_PURPOSES, PERSONAL_FIELDS } from '../vocabulary/community-vocabulary';
import { CommunityCode, Id, Instant, literalUnion } from './common';
import { DecisionId } from './decision';

/*
 * Access to residents' data (docs/events.md, "Community events"). The data stays in the community service:
 * these events name which fields, how many residents and until when — never a resident, not even by pseudonym.
 * A request is decided by governance (`decision/data-access/<requestId>`); only an approved decision grants.
 */

/** The personal fields asked for or granted, each once. */
const PersonalFields = Type.Array(literalUnion(PERSONAL_FIELDS, { description: 'name, phone, idNumber, address' }), {
  minItems: 1,
  maxItems: PERSONAL_FIELDS.length,
  uniqueItems: true,
});

const ConsentPurpose = literalUnion(CONSENT_PURPOSES, {
  description: 'activity-participation, organization-contact (by the requesting organization), aggregate-research',
});

export const dataAccessRequested = defineEvent('sanshe.community.data-access.requested.v1', {
  description:
    "A party asked for access to residents' data the community holds (residents' data stays with the " +
    'community; access is granted by rule and consent, never by one party alone). Opens a multi-party decision ' +
    'in governance: kind data-access, decisionId `decision/data-access/<requestId>`, proposer the requesterId. ' +
    'Carries how many residents, never which ones. Subject: the requestId.',
  data: Type.Object(
    {
      requestId: Id,
      communityCode: CommunityCode,
      /** Who asks, e.g. `organization:org-xinhua-elderly-care` or `talent:sw-2019-0457`. */
      requesterId: PartyId,
      /** Which data, as the community names its datasets, e.g. activity-participants. */
      dataset: Type.String({ minLength: 1, maxLength: 200 }),
      /** What the data is for and for how long, for the parties who decide. */
      purpose: Type.String({ minLength: 1, maxLength: 2000 }),
      /** The approved activity the data is for (the proposal's id). Optional fields: added in issue 12. */
      activityId: Type.Optional(Id),
      fields: Type.Optional(PersonalFields),
      /** The consent a resident must have given to be covered by a grant. */
      consentPurpose: Type.Optional(ConsentPurpose),
      /** How many residents the request names. */
      residentCount: Type.Optional(Type.Integer({ minimum: 1 })),
      /** When a grant made from it would end. */
      expiresAt: Type.Optional(Instant),
    },
    { additionalProperties: true },
  ),
  subjectField: 'requestId',
  example: {
    requestId: 'dar-2026-0012',
    communityCode: '310104-005-001',
    requesterId: 'organization:org-xinhua-elderly-care',
    dataset: 'activity-participants',
    purpose: '为75岁以上独居老人安排每周上门探访，仅使用姓名、电话和住址，项目结束（2026年12月）后删除。',
    activityId: 'prop-2026-0001',
    fields: ['name', 'phone', 'address'],
    consentPurpose: 'organization-contact',
    residentCount: 12,
    expiresAt: '2026-12-31T15:59:59.000Z',
  },
});

export const dataAccessGranted = defineEvent('sanshe.community.data-access.granted.v1', {
  description:
    'Governance approved a data-access request (decisionId), so the community made a grant: the requesting ' +
    'organization may read these fields of the residents who, at that moment, consented to the purpose, until ' +
    'expiresAt. Every read is logged; a consent withdrawn later stops reads from then on. Subject: the requestId.',
  data: Type.Object(
    {
      requestId: Id,
      grantId: Id,
      decisionId: DecisionId,
      communityCode: CommunityCode,
      organizationId: Id,
      fields: PersonalFields,
      /** How many of the requested residents the grant covers (those who consented); may be 0. */
      residentsCovered: Type.Integer({ minimum: 0 }),
      expiresAt: Instant,
    },
    { additionalProperties: true },
  ),
  subjectField: 'requestId',
  example: {
    requestId: 'dar-2026-0012',
    grantId: 'dag-2026-0012',
    decisionId: 'decision/data-access/dar-2026-0012',
    communityCode: '310104-005-001',
    organizationId: 'org-xinhua-elderly-care',
    fields: ['name', 'phone', 'address'],
    residentsCovered: 9,
    expiresAt: '2026-12-31T15:59:59.000Z',
  },
});

export const dataAccessRefused = defineEvent('sanshe.community.data-access.refused.v1', {
  description:
    'Governance rejected the data-access request, or it was withdrawn: the request is closed and no grant is ' +
    'made. Subject: the requestId.',
  data: Type.Object(
    {
      requestId: Id,
      decisionId: DecisionId,
      communityCode: CommunityCode,
      result: literalUnion(['rejected', 'withdrawn'] as const),
    },
    { additionalProperties: true },
  ),
  subjectField: 'requestId',
  example: {
    requestId: 'dar-2026-0013',
    decisionId: 'decision/data-access/dar-2026-0013',
    communityCode: '310104-005-001',
    result: 'rejected',
  },
});
