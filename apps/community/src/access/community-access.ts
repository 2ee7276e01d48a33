/**
 * Who may do what in the community service: the roles its tokens carry, and the party ids they act
 * for (docs/decisions.md, "who may call the HTTP API").
 */
export const ROLES = {
  operator: 'operator',
  areaAdmin: 'area-admin',
  committeeMember: 'committee-member',
  committeeStaff: 'committee-staff',
  residentsRep: 'residents-representative',
  orgStaff: 'organization-staff',
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
