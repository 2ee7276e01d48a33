import type { Identity } from '@sanshe/auth';
import { organizationParty, ROLES } from '../../access/community-access';
import type { DataAccessGrant } from './data-access-request';
import type { ReadRefusalCode } from './data-access-errors';

/** What is known at the moment of a read: whether the resident is covered and still consents. */
export interface ReadCircumstances {
  now: Date;
  covered: boolean;
  /** Asked only when everything before it holds; undefined means not asked. */
  consenting?: boolean;
}

export interface Refusal {
  code: ReadRefusalCode;
  message: string;
}

/**
 * Whether `identity` may read `residentId` under `grant`, in this order: only the grantee organization's
 * staff (the community's own staff are not the grantee), only before the expiry, only a covered resident,
 * and only while that resident's consent holds. Returns the refusal, or null when the read is granted.
 */
export function grantReadRefusal(
  identity: Identity,
  grant: DataAccessGrant,
  residentId: string,
  { now, covered, consenting }: ReadCircumstances,
): Refusal | null {
  const grantee = organizationParty(grant.organizationId);
  if (!identity.roles.includes(ROLES.orgStaff) || !identity.parties.includes(grantee)) {
    return {
      code: 'not-the-grantee',
      message: `${identity.sub} may not read under grant ${grant.grantId}: only ${ROLES.orgStaff} of ${grantee} may`,
    };
  }
  if (now.getTime() >= grant.expiresAt.getTime()) {
    return { code: 'grant-expired', message: `grant ${grant.grantId} expired at ${grant.expiresAt.toISOString()}` };
  }
  if (!covered) {
    return { code: 'not-covered', message: `grant ${grant.grantId} does not cover resident ${residentId}` };
  }
  if (consenting === false) {
    return {
      code: 'consent-withdrawn',
      message: `resident ${residentId} no longer consents to ${grant.consentPurpose}: grant ${grant.grantId} covers them no more`,
    };
  }
  return null;
}
