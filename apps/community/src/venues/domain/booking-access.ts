import type { Identity } from '@sanshe/auth';
import { communityParty, organizationParty, ROLES } from '../../access/community-access';

/**
 * Who may book or cancel sessions of an activity: staff of the organization that runs it, or the
 * residents' committee (member or staff) of the venue's community. Returns why not, or null.
 */
export function bookerRefusal(
  identity: Identity,
  { organizationId, communityCode }: { organizationId: string; communityCode: string },
): string | null {
  const holds = (role: string, party: string) => identity.roles.includes(role) && identity.parties.includes(party);
  const committee = communityParty(communityCode);
  if (holds(ROLES.orgStaff, organizationParty(organizationId))) return null;
  if (holds(ROLES.committeeMember, committee) || holds(ROLES.committeeStaff, committee)) return null;
  return (
    `${identity.sub} may not book or cancel for ${organizationParty(organizationId)} in ${committee}: it needs ` +
    `${ROLES.orgStaff} of ${organizationParty(organizationId)}, or ${ROLES.committeeMember} or ` +
    `${ROLES.committeeStaff} of ${committee}`
  );
}
