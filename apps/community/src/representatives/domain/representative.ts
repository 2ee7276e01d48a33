import type { EventType, NewEvent, RepresentativeBody, RepresentativeRemovalReason } from '@sanshe/contracts';

/*
 * Who speaks for a community (pure): members of the residents' committee (body `committee`, who cast
 * `community:<code>`) and elected residents' representatives (body `residents`, who cast
 * `residents:<code>`): different people, so a person sits in one active body per community.
 */

export type { RepresentativeBody, RepresentativeRemovalReason };

export interface Representative {
  representativeId: string;
  communityCode: string;
  body: RepresentativeBody;
  /** The person, as their tokens name them (`sub`); never published. */
  personSub: string;
  title: string;
  termFrom: string;
  termTo: string | null;
  status: 'active' | 'ended';
  endedReason: RepresentativeRemovalReason | null;
}

export interface AppointmentInput {
  body: RepresentativeBody;
  personSub: string;
  title: string;
  termFrom: string;
  termTo?: string;
}

type OutgoingEvent = Omit<NewEvent<EventType>, 'source'>;

/** The party each body casts: committee → community:<code>, residents → residents:<code>. */
export const BODY_PARTY_KIND: Record<RepresentativeBody, 'community' | 'residents'> = {
  committee: 'community',
  residents: 'residents',
};

/** The body and community a `community:<code>` or `residents:<code>` party belongs to (null for any other party). */
export function bodyOfParty(partyId: string): { body: RepresentativeBody; communityCode: string } | null {
  const colon = partyId.indexOf(':');
  const kind = partyId.slice(0, colon);
  const communityCode = partyId.slice(colon + 1);
  if (colon < 0 || communityCode === '') return null;
  if (kind === 'community') return { body: 'committee', communityCode };
  if (kind === 'residents') return { body: 'residents', communityCode };
  return null;
}

/** The active seat that keeps `personSub` from a second one in the same community, if any. */
export const seatHeldBy = (active: readonly Representative[], personSub: string): Representative | null =>
  active.find((rep) => rep.status === 'active' && rep.personSub === personSub) ?? null;

/** A new active representative and its one `appointed` event. */
export function appoint(
  representativeId: string,
  communityCode: string,
  input: AppointmentInput,
): { state: Representative; events: OutgoingEvent[] } {
  const { body, personSub, title, termFrom, termTo } = input;
  const state: Representative = {
    representativeId,
    communityCode,
    body,
    personSub,
    title,
    termFrom,
    termTo: termTo ?? null,
    status: 'active',
    endedReason: null,
  };
  const type = 'sanshe.community.representative.appointed.v1';
  const data = { representativeId, communityCode, body, title, termFrom, ...(termTo ? { termTo } : {}) };
  return { state, events: [{ type, subject: representativeId, id: `${type}:${representativeId}:1`, data }] };
}

/** Ends an active representative's seat with its one `removed` event; an ended one cannot end again (null). */
export function remove(
  rep: Representative,
  reason: RepresentativeRemovalReason,
): { state: Representative; events: OutgoingEvent[] } | null {
  if (rep.status !== 'active') return null;
  const { representativeId, communityCode, body } = rep;
  const type = 'sanshe.community.representative.removed.v1';
  return {
    state: { ...rep, status: 'ended', endedReason: reason },
    events: [
      {
        type,
        subject: representativeId,
        id: `${type}:${representativeId}:2`,
        data: { representativeId, communityCode, body, reason },
      },
    ],
  };
}

/** May cast its body's vote on `today` (YYYY-MM-DD): active, and within its term. */
/** Terms are calendar dates where the community is: China Standard Time, not UTC (00:00–08:00 would be yesterday). */
const COMMUNITY_CALENDAR = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' });

/** `now` as the community's calendar date, YYYY-MM-DD. */
export const communityDate = (now: Date): string => COMMUNITY_CALENDAR.format(now);

export const isServing = (rep: Representative, today: string): boolean =>
  rep.status === 'active' && rep.termFrom <= today && (rep.termTo === null || rep.termTo >= today);
