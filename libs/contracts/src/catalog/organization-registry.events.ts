import { type Static, Type } from '@sinclair/typebox';
import { defineEvent } from '../events/event-definition';
import {
  ORGANIZATION_GRADES,
  ORGANIZATION_STATUSES,
  ORGANIZATION_TYPE_CODES,
} from '../vocabulary/organization-vocabulary';
import { CalendarDate, DistrictCode, Id, literalUnion, Revision, StrictCommunityCode } from './common';

/*
 * The registry of social organizations (社会组织登记), on sanshe.organization.events: the whole state at each
 * change, with its revision (consumers keep the newest). No legal representative on the wire: a person's name
 * stays in the organization service. Subject: the organizationId.
 */

const OrganizationData = Type.Object(
  {
    organizationId: Id,
    name: Type.String({ minLength: 1, maxLength: 200 }),
    type: literalUnion(ORGANIZATION_TYPE_CODES, { description: 'one of ORGANIZATION_TYPES' }),
    /** 统一社会信用代码; optional for community groups and volunteer teams (备案, often without one). */
    creditCode: Type.Optional(Type.String({ pattern: '^[0-9A-HJ-NPQRTUWXY]{18}$' })),
    status: literalUnion(ORGANIZATION_STATUSES),
    /** The district whose registration authority (登记管理机关) keeps it. */
    registrationDistrictCode: DistrictCode,
    communitiesServed: Type.Array(StrictCommunityCode, { maxItems: 200, uniqueItems: true }),
    /** Its assessment grade (社会组织评估等级), or null when not graded. */
    grade: Type.Union([
      Type.Object(
        { grade: literalUnion(ORGANIZATION_GRADES), assessedOn: CalendarDate, validUntil: CalendarDate },
        { additionalProperties: true },
      ),
      Type.Null(),
    ]),
    /** The organization incubating it (孵化), if any. */
    mentorOrganizationId: Type.Optional(Id),
    revision: Revision,
  },
  { additionalProperties: true },
);
export type OrganizationData = Static<typeof OrganizationData>;

const example: OrganizationData = {
  organizationId: 'org-xinhua-elderly-care',
  name: '徐汇区新华社区长者关爱服务中心',
  type: 'private-non-enterprise',
  creditCode: '52310104MJ00000189',
  status: 'registered',
  registrationDistrictCode: '310104',
  communitiesServed: ['310104-005-001', '310104-005-002'],
  grade: { grade: '4A', assessedOn: '2025-06-30', validUntil: '2030-06-29' },
  mentorOrganizationId: 'org-xuhui-social-work-hub',
  revision: 3,
};

export const organizationRegistered = defineEvent('sanshe.organization.organization.registered.v1', {
  description:
    'A social organization entered the registry (status provisional until its registration authority confirms ' +
    'it, or registered). Funding (eligibility), talent and portals keep it. Subject: the organizationId.',
  data: OrganizationData,
  example: { ...example, status: 'provisional', grade: null, revision: 1 },
});

export const organizationUpdated = defineEvent('sanshe.organization.organization.updated.v1', {
  description:
    "A social organization's registry record changed (status, grade, communities served, mentor…): the whole " +
    'state, with its revision; a consumer ignores a revision older than the one it keeps. Subject: the ' +
    'organizationId.',
  data: OrganizationData,
  example,
});
