/**
 * Who may do what in the funding service: the roles its tokens carry and the parties they act for
 * (apps/funding/README.md, "Roles"). No personal data lives in funding: its parties are funders and
 * organizations.
 */

import { type Caller, roleRefusal } from '@sanshe/auth';

/** The platform's one refusal rule, re-exported so the service's access rules stay in one place. */
export { type Caller, roleRefusal };

export const ROLES = {
  /** The funder's responsible staff (party `funder:<id>` or `portal:<id>`): programs, awards, its seat's votes. */
  funderAdmin: 'funder-admin',
  /** The funder's daily work (same parties): votes its seat, reads its grants, payments and reports. */
  funderStaff: 'funder-staff',
  /** The organization's responsible person: reads its applications, grants, payments and funding profile. */
  orgAdmin: 'organization-admin',
  /** Daily work for the organization: reads as its admin does. */
  orgStaff: 'organization-staff',
  /** No party: reads everything. */
  auditor: 'auditor',
} as const;

export type FundingRole = (typeof ROLES)[keyof typeof ROLES];

/** A funder's admin and staff act for its party. */
export const FUNDER_ROLES: readonly string[] = [ROLES.funderAdmin, ROLES.funderStaff];
/** The organization's admin and staff act for it. */
export const ORGANIZATION_ROLES: readonly string[] = [ROLES.orgAdmin, ROLES.orgStaff];

export const organizationParty = (organizationId: string) => `organization:${organizationId}`;

/** The part of a verified token the rules read (Identity from @sanshe/auth). */
/**
 * Whether `caller` speaks for the funder `funderId` (a party id: `funder:<id>` or `portal:<id>`) in one
 * of `roles` (default: admin or staff).
 */
export function actsForFunder(caller: Caller, funderId: string, roles: readonly string[] = FUNDER_ROLES): boolean {
  return roleRefusal(caller, roles, [funderId], 'act') === null;
}

/** Whether `caller` speaks for the organization in one of `roles` (default: admin or staff). */
export function actsForOrganization(
  caller: Caller,
  organizationId: string,
  roles: readonly string[] = ORGANIZATION_ROLES,
): boolean {
  return roleRefusal(caller, roles, [organizationParty(organizationId)], 'act') === null;
}

/** The funder parties `caller` speaks for in one of `roles` (its programs' funderIds). */
export function funderPartiesOf(caller: Caller, roles: readonly string[] = FUNDER_ROLES): string[] {
  if (!roles.some((role) => caller.roles.includes(role))) return [];
  return caller.parties.filter((party) => party.startsWith('funder:') || party.startsWith('portal:'));
}

export const isAuditor = (caller: Caller): boolean => caller.roles.includes(ROLES.auditor);
