/**
 * Who may do what in the talent service: the roles its tokens carry and the parties they act for
 * (apps/talent/README.md, "Roles").
 */

import { type Caller, roleRefusal } from '@sanshe/auth';

/** The platform's one refusal rule, re-exported so the service's access rules stay in one place. */
export { type Caller, roleRefusal };

export const ROLES = {
  /** The district's social-work talent office: programs, recognitions, every worker of its district. */
  talentAdmin: 'talent-admin',
  /** The organization's responsible person: its workers, hours and assignments. */
  orgAdmin: 'organization-admin',
  /** Daily work for the organization: records its workers, hours and completions. */
  orgStaff: 'organization-staff',
  /** No party: reads everything. */
  auditor: 'auditor',
} as const;

export type TalentRole = (typeof ROLES)[keyof typeof ROLES];

/** The organization's admin and staff act for its workers. */
export const ORGANIZATION_ROLES: readonly string[] = [ROLES.orgAdmin, ROLES.orgStaff];

export const organizationParty = (organizationId: string) => `organization:${organizationId}`;
export const jurisdictionParty = (districtCode: string) => `jurisdiction:${districtCode}`;

/** The part of a verified token the rules read (Identity from @sanshe/auth). */
/** Whether `caller` speaks for the organization in one of `roles` (default: admin or staff). */
export function actsFor(
  caller: Caller,
  organizationId: string,
  roles: readonly string[] = ORGANIZATION_ROLES,
): boolean {
  return roleRefusal(caller, roles, [organizationParty(organizationId)], 'act') === null;
}

/** A talent-admin of some district (the district office's tokens carry `jurisdiction:<district>`). */
export function isTalentAdmin(caller: Caller): boolean {
  return caller.roles.includes(ROLES.talentAdmin) && caller.parties.some((party) => party.startsWith('jurisdiction:'));
}

export const isAuditor = (caller: Caller): boolean => caller.roles.includes(ROLES.auditor);
