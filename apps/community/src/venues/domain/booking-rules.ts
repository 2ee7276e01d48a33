import type { FieldProblem } from '@sanshe/contracts';
import { type OpeningHours, secondsOfClock, type Venue } from './venue';
import { BookingRuleBroken, SessionsOverlap } from './venue-errors';

/** One session of an activity to book: `[startsAt, endsAt)`. */
export interface Session {
  startsAt: Date;
  endsAt: Date;
  participants: number;
}

const DAY_SECONDS = 86_400;
const WEEKDAYS: Record<string, number> = { Mon: 1, Tue: 2, Wed: 3, Thu: 4, Fri: 5, Sat: 6, Sun: 7 };
const formatters = new Map<string, Intl.DateTimeFormat>();

/** The wall clock of `at` in `timeZone`: its ISO weekday (Mon = 1 … Sun = 7), date and seconds since midnight. */
export function wallClock(at: Date, timeZone: string): { weekday: number; date: string; seconds: number } {
  let format = formatters.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      weekday: 'short',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    formatters.set(timeZone, format);
  }
  const part = Object.fromEntries(format.formatToParts(at).map(({ type, value }) => [type, value]));
  return {
    weekday: WEEKDAYS[part.weekday!]!,
    date: `${String(part.year).padStart(4, '0')}-${part.month}-${part.day}`, // an ISO date (Intl writes year 113 as "113")
    seconds: Number(part.hour) * 3600 + Number(part.minute) * 60 + Number(part.second),
  };
}

const nextDay = (date: string) =>
  new Date(Date.parse(`${date}T00:00:00Z`) + DAY_SECONDS * 1000).toISOString().slice(0, 10);
const describeHours = (hours: OpeningHours[]) =>
  hours.length ? hours.map(({ opens, closes }) => `${opens}–${closes}`).join(', ') : 'closed';

/** Why a session does not fit in one opening period of its day (venue time), or null when it fits. */
function openingHoursProblem(venue: Venue, session: Session, index: number): FieldProblem | null {
  const start = wallClock(session.startsAt, venue.timeZone);
  const end = wallClock(session.endsAt, venue.timeZone);
  // Seconds since the start's midnight; midnight that ends the day is 24:00, anything later crosses it.
  const endSeconds =
    end.date === start.date
      ? end.seconds
      : end.date === nextDay(start.date) && end.seconds === 0
        ? DAY_SECONDS
        : Infinity;
  const hours = venue.openingHours.filter((period) => period.weekday === start.weekday);
  const period = hours.find(
    (p) => secondsOfClock(p.opens) <= start.seconds && start.seconds < secondsOfClock(p.closes),
  );
  if (!period) {
    return {
      path: `/sessions/${index}/startsAt`,
      message: `is outside the venue's opening hours on weekday ${start.weekday} (${describeHours(hours)}, ${venue.timeZone})`,
    };
  }
  if (endSeconds > secondsOfClock(period.closes)) {
    return {
      path: `/sessions/${index}/endsAt`,
      message: `runs past closing time ${period.closes} (${venue.timeZone}) of the period opening at ${period.opens}`,
    };
  }
  return null;
}

/** The problems of one session, each naming its field. */
function sessionProblems(venue: Venue, session: Session, index: number, now: Date): FieldProblem[] {
  if (!(session.startsAt < session.endsAt)) {
    return [{ path: `/sessions/${index}/endsAt`, message: 'must be after startsAt (a session cannot be empty)' }];
  }
  const problems: FieldProblem[] = [];
  if (session.startsAt < now) problems.push({ path: `/sessions/${index}/startsAt`, message: 'is in the past' });
  if (session.participants > venue.capacity) {
    problems.push({
      path: `/sessions/${index}/participants`,
      message: `${session.participants} exceeds the venue's capacity of ${venue.capacity}`,
    });
  }
  const hours = openingHoursProblem(venue, session, index);
  if (hours) problems.push(hours);
  return problems;
}

/**
 * Whether `sessions` may be booked in `venue` at `now`: each non-empty, not in the past, within one
 * opening period of its weekday in the venue's time zone, for no more people than it holds (422,
 * naming each field: the schema judged each one), and no two of them overlapping (409). Overlaps with other bookings are the
 * database's to refuse (the exclusion constraint), since only it sees concurrent requests.
 */
export function checkSessions(
  venue: Venue,
  sessions: Session[],
  now: Date,
): BookingRuleBroken | SessionsOverlap | null {
  const problems = sessions.flatMap((session, index) => sessionProblems(venue, session, index, now));
  if (problems.length > 0) return new BookingRuleBroken(problems);
  for (let j = 1; j < sessions.length; j++) {
    for (let i = 0; i < j; i++) {
      const [a, b] = [sessions[i]!, sessions[j]!];
      if (a.startsAt < b.endsAt && b.startsAt < a.endsAt) return new SessionsOverlap([i, j]);
    }
  }
  return null;
}
