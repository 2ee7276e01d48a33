/**
 * Who may do what in the community service: the roles its tokens carry, and the party ids they act
 * for (docs/decisions.md, "who may call the HTTP API").
 */

import { type Caller, roleRefusal } from '@sanshe/auth';

/** The platform's one refusal rule, re-exported so the service's access rules stay in one place. */
export { type Caller, roleRefusal };

export const ROLES = {
  operator: 'operator',
  areaAdmin: 'area-admin',
  committeeMember: 'committee-member',
  committeeStaff: 'committee-staff',
  residentsRep: 'residents-representative',
  orgStaff: 'organization-staff',
  /** A portal acting for residents (party `residents:<code>`): records their own consents. */
  residentsPortal: 'residents-portal',
  /** No party: reads access logs everywhere. */
  auditor: 'auditor',
} as const;

export type CommunityRole = (typeof ROLES)[keyof typeof ROLES];

/** The residents' committee's voice in decisions. */
export const communityParty = (communityCode: string) => `community:${communityCode}`;
/** The elected residents' representatives' voice: different people from the committee. */
export const residentsParty = (communityCode: string) => `residents:${communityCode}`;
export const organizationParty = (organizationId: string) => `organization:${organizationId}`;

/**
 * The jurisdictions that administer an area, itself first, then each parent: `310104-005-001` →
 * `jurisdiction:310104-005-001`, `jurisdiction:310104-005`, `jurisdiction:310104`. A parent code is
 * the code minus its last `-NNN` segment.
 */
export function jurisdictionsOf(code: string): string[] {
  const segments = code.split('-');
  return segments.map((_, index) => `jurisdiction:${segments.slice(0, segments.length - index).join('-')}`);
}

/** The part of a verified token the rules read (Identity from @sanshe/auth). */
/**
 * Area administration: an area-admin of one of `jurisdictions` (or, where `operatorToo`, an operator).
 * Returns why not, or null.
 */
export function areaAdminRefusal(
  caller: Caller,
  jurisdictions: readonly string[],
  action: string,
  operatorToo = false,
): string | null {
  if (operatorToo && caller.roles.includes(ROLES.operator)) return null;
  const refusal = roleRefusal(caller, ROLES.areaAdmin, jurisdictions, action);
  return refusal && operatorToo ? `${refusal} (or the role operator)` : refusal;
}
