import { type Caller, residentsParty, ROLES } from '../../access/community-access';
import type { ConsentChannel } from './consent-record';

const listed = (items: readonly string[]) => (items.length ? items.join(', ') : 'none');

/**
 * The channels through which `caller` could put a resident of `communityCode` on record, by its token
 * alone: a residents' representative (the roster must still confirm a serving member) or a residents'
 * portal, each for `residents:<code>`. The committee is never one: it must not consent for residents.
 */
export function channelsOf(caller: Caller, communityCode: string): ConsentChannel[] {
  if (!caller.parties.includes(residentsParty(communityCode))) return [];
  const channels: ConsentChannel[] = [];
  if (caller.roles.includes(ROLES.residentsRep)) channels.push('representative');
  if (caller.roles.includes(ROLES.residentsPortal)) channels.push('portal');
  return channels;
}

const refusal = (caller: Caller, communityCode: string, verb: string, alternative = '') =>
  `${caller.sub} may not ${verb} residents' consents: it needs the role ${ROLES.residentsRep} or ` +
  `${ROLES.residentsPortal} for ${residentsParty(communityCode)}${alternative} (the committee never consents ` +
  `for residents), and the token grants roles ${listed(caller.roles)} for ${listed(caller.parties)}`;

/** Why `caller` may not record a consent for a resident of `communityCode` (null when its token may). */
export function recordRefusal(caller: Caller, communityCode: string): string | null {
  return channelsOf(caller, communityCode).length > 0 ? null : refusal(caller, communityCode, 'record');
}

/** Why `caller` may not read a resident's consents (null when its token may): the same callers, or an auditor. */
export function readRefusal(caller: Caller, communityCode: string): string | null {
  if (caller.roles.includes(ROLES.auditor) || channelsOf(caller, communityCode).length > 0) return null;
  return refusal(caller, communityCode, 'read', `, or the role ${ROLES.auditor}`);
}
