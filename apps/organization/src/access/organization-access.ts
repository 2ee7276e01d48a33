/**
 * Who may do what in the organization service: the roles its tokens carry and the parties they act
 * for (apps/organization/README.md, "Roles").
 */

import { type Caller, roleRefusal } from '@sanshe/auth';

/** The platform's one refusal rule, re-exported so the service's access rules stay in one place. */
export { type Caller, roleRefusal };

export const ROLES = {
  /** The registration authority (民政局登记管理机关) of a district: party `jurisdiction:<districtCode>`. */
  registrar: 'registrar',
  /** The organization's responsible person (负责人): speaks for it, votes, submits. */
  orgAdmin: 'organization-admin',
  /** Daily work for the organization: drafts and records, never votes nor submits. */
  orgStaff: 'organization-staff',
  /** No party: reads everything. */
  auditor: 'auditor',
} as const;

export type OrganizationRole = (typeof ROLES)[keyof typeof ROLES];

export const organizationParty = (organizationId: string) => `organization:${organizationId}`;
export const jurisdictionParty = (districtCode: string) => `jurisdiction:${districtCode}`;

/** The part of a verified token the rules read (Identity from @sanshe/auth). */
/** Whether `caller` speaks for the organization in one of `roles`. */
export function actsFor(caller: Caller, organizationId: string, roles: readonly string[]): boolean {
  return roleRefusal(caller, roles, [organizationParty(organizationId)], 'act') === null;
}
