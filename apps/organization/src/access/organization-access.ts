/**
 * Who may do what in the organization service: the roles its tokens carry and the parties they act
 * for (apps/organization/README.md, "Roles").
 */
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
export interface Caller {
  sub: string;
  roles: readonly string[];
  parties: readonly string[];
}

const listed = (items: readonly string[]) => (items.length ? items.join(', ') : 'none');

/**
 * Why `caller` may not `action` (null when it may): the token must hold one of `role` and speak for
 * one of `parties`. The message names what is needed and what the token has, as the platform's 403s do.
 */
export function roleRefusal(
  caller: Caller,
  role: string | readonly string[],
  parties: readonly string[],
  action: string,
): string | null {
  const roles = typeof role === 'string' ? [role] : role;
  const hasRole = roles.some((needed) => caller.roles.includes(needed));
  if (hasRole && parties.some((party) => caller.parties.includes(party))) return null;
  return (
    `${caller.sub} may not ${action}: it needs the role ${roles.join(' or ')} for ${parties.join(' or ')}, ` +
    `and the token grants roles ${listed(caller.roles)} for ${listed(caller.parties)}`
  );
}

/** Whether `caller` speaks for the organization in one of `roles`. */
export function actsFor(caller: Caller, organizationId: string, roles: readonly string[]): boolean {
  return roleRefusal(caller, roles, [organizationParty(organizationId)], 'act') === null;
}
