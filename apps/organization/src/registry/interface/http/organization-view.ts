import type { Caller } from '../../../access/organization-access';
import { readsLegalRepresentative } from '../../application/registry-access';
import { effectiveGrade } from '../../domain/grade';
import type { Organization } from '../../domain/organization';

/** Today's date where the registry works (Asia/Shanghai), as YYYY-MM-DD. */
export const todayInShanghai = () => new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date());

/** An organization as the API shows it to `caller`: the legal representative only to those who may read it. */
export function organizationView(org: Organization & { updatedAt?: Date }, caller: Caller) {
  const { legalRepresentative, grade, updatedAt } = org;
  return {
    organizationId: org.organizationId,
    name: org.name,
    type: org.type,
    creditCode: org.creditCode,
    registrationDistrictCode: org.registrationDistrictCode,
    status: org.status,
    communitiesServed: org.communitiesServed,
    mentorOrganizationId: org.mentorOrganizationId,
    incubatedSince: org.incubatedSince,
    revision: org.revision,
    ...(readsLegalRepresentative(caller, org.organizationId, org.registrationDistrictCode)
      ? { legalRepresentative }
      : {}),
    grade: grade
      ? { grade: grade.grade, assessedOn: grade.assessedOn, validUntil: grade.validUntil, assessmentRef: grade.ref }
      : null,
    gradeInForce: effectiveGrade(org, todayInShanghai()),
    updatedAt: (updatedAt ?? new Date()).toISOString(),
  };
}
