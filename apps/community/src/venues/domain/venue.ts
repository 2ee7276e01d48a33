import type { FieldProblem, OpeningHours } from '@sanshe/contracts';
import { VenueConflict, VenueInputInvalid } from './venue-errors';

export type { OpeningHours };
export type VenueStatus = 'active' | 'retired';

/** What the committee sets with PUT (the body, already shaped by its schema). */
export interface VenueInput {
  venueId: string;
  communityCode: string;
  name: string;
  capacity: number;
  /** IANA time zone of the opening hours. */
  timeZone: string;
  openingHours: OpeningHours[];
  status: VenueStatus;
}

export interface Venue extends VenueInput {
  /** 1 when registered, one more at each change. */
  revision: number;
}

export type VenueFact = { type: 'venue.registered' | 'venue.updated'; venue: Venue };

/** `HH:MM` (or `24:00`) → seconds since the day's midnight. */
export const secondsOfClock = (clock: string): number => {
  const [hours = 0, minutes = 0] = clock.split(':').map(Number);
  return hours * 3600 + minutes * 60;
};

export function isTimeZone(timeZone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone });
    return true;
  } catch {
    return false;
  }
}

/** The rules of a venue beyond its schema's shapes: a known time zone, each period opening before it closes, no two overlapping. */
export function checkVenue(input: VenueInput): FieldProblem[] {
  const problems: FieldProblem[] = [];
  if (!isTimeZone(input.timeZone)) problems.push({ path: '/timeZone', message: 'is not an IANA time zone' });
  input.openingHours.forEach(({ weekday, opens, closes }, index) => {
    if (secondsOfClock(opens) >= secondsOfClock(closes)) {
      problems.push({ path: `/openingHours/${index}/closes`, message: `must be after opens (${opens})` });
      return;
    }
    const overlapped = input.openingHours.findIndex(
      (other, j) =>
        j < index &&
        other.weekday === weekday &&
        secondsOfClock(other.opens) < secondsOfClock(closes) &&
        secondsOfClock(opens) < secondsOfClock(other.closes),
    );
    if (overlapped >= 0) {
      problems.push({
        path: `/openingHours/${index}`,
        message: `overlaps /openingHours/${overlapped} on weekday ${weekday}`,
      });
    }
  });
  return problems;
}

/** Same venue = same fields; opening hours compared by value, whatever their keys' order after a jsonb round trip. */
const sameVenue = (a: VenueInput, b: VenueInput) => {
  const hours = (venue: VenueInput) =>
    venue.openingHours.map(({ weekday, opens, closes }) => `${weekday} ${opens}-${closes}`);
  return (
    JSON.stringify([a.name, a.capacity, a.timeZone, a.status, hours(a)]) ===
    JSON.stringify([b.name, b.capacity, b.timeZone, b.status, hours(b)])
  );
};

/**
 * Registers a venue (revision 1) or changes it (revision + 1); an unchanged body changes nothing and
 * yields no fact. A venue stays in its community. Existing bookings stand whatever changes.
 */
export function applyVenue(current: Venue | null, input: VenueInput): { state: Venue; facts: VenueFact[] } {
  const problems = checkVenue(input);
  if (problems.length > 0) throw new VenueInputInvalid(problems);
  if (current && current.communityCode !== input.communityCode) {
    throw new VenueConflict(
      'venue-in-other-community',
      `venue ${input.venueId} belongs to community ${current.communityCode}, not ${input.communityCode}`,
    );
  }
  if (current && sameVenue(current, input)) return { state: current, facts: [] };
  const state: Venue = { ...input, revision: (current?.revision ?? 0) + 1 };
  return { state, facts: [{ type: current ? 'venue.updated' : 'venue.registered', venue: state }] };
}
