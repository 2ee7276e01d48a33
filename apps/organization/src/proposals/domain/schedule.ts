import type { FieldProblem } from '@sanshe/contracts';
import { ProposalInputInvalid } from './proposal-errors';

/** One planned session, `[startsAt, endsAt)`, as instants (RFC 3339, UTC). */
export interface PlannedSession {
  startsAt: string;
  endsAt: string;
}

/** Weekly sessions on the given ISO weekdays (Mon = 1 … Sun = 7), at a wall-clock time of `timeZone`. */
export interface Recurrence {
  startsOn: string;
  until: string;
  weekdays: readonly number[];
  startTime: string;
  endTime: string;
  /** 1 = every week; n = every n-th week, counted from the ISO week of startsOn. */
  intervalWeeks: number;
}

/** The contract's ProposalSchedule: listed sessions (one-off) or a recurrence, never both. */
export interface ProposalSchedule {
  kind: 'one-off' | 'recurring';
  timeZone: string;
  sessions?: readonly PlannedSession[];
  recurrence?: Recurrence;
}

/** More sessions than this is a typo in `until` rather than a plan. */
export const MAX_SESSIONS = 500;

const DAY_MS = 86_400_000;
const CLOCK = /^([01][0-9]|2[0-3]):[0-5][0-9]$/;
const DATE = /^\d{4}-\d{2}-\d{2}$/;
const formatters = new Map<string, Intl.DateTimeFormat>();

/** The wall clock `at` shows in `timeZone`, read as if it were UTC (milliseconds). Throws for an unknown zone. */
function wallClockMillis(at: number, timeZone: string): number {
  let format = formatters.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      ...{ year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric', second: 'numeric' },
    });
    formatters.set(timeZone, format);
  }
  const part = Object.fromEntries(format.formatToParts(at).map(({ type, value }) => [type, Number(value)]));
  return Date.UTC(part.year!, part.month! - 1, part.day!, part.hour!, part.minute!, part.second!);
}

/** The instant at which `timeZone`'s clocks show `date` `time`: the offset is found by asking twice (DST). */
export function instantOf(date: string, time: string, timeZone: string): string {
  const wanted = Date.parse(`${date}T${time}:00.000Z`);
  let instant = wanted;
  for (let i = 0; i < 2; i++) instant += wanted - wallClockMillis(instant, timeZone);
  return new Date(instant).toISOString();
}

const isoWeekday = (dayMs: number) => ((new Date(dayMs).getUTCDay() + 6) % 7) + 1;
const isDate = (value: string) => DATE.test(value) && !Number.isNaN(Date.parse(`${value}T00:00:00Z`));

function zoneProblem(timeZone: string): FieldProblem | null {
  try {
    wallClockMillis(0, timeZone);
    return null;
  } catch {
    return { path: '/schedule/timeZone', message: `is not an IANA time zone this server knows (e.g. Asia/Shanghai)` };
  }
}

function recurrenceProblems(r: Recurrence): FieldProblem[] {
  const at = (field: string, message: string) => ({ path: `/schedule/recurrence/${field}`, message });
  const problems: FieldProblem[] = [];
  if (!isDate(r.startsOn)) problems.push(at('startsOn', 'must be a calendar date, YYYY-MM-DD'));
  if (!isDate(r.until)) problems.push(at('until', 'must be a calendar date, YYYY-MM-DD'));
  else if (r.until < r.startsOn) problems.push(at('until', `must not be before startsOn (${r.startsOn})`));
  if (r.weekdays.length === 0 || r.weekdays.some((d) => !Number.isInteger(d) || d < 1 || d > 7)) {
    problems.push(at('weekdays', 'must list at least one ISO weekday, 1 (Monday) to 7 (Sunday)'));
  }
  if (!CLOCK.test(r.startTime)) problems.push(at('startTime', 'must be a time of day, HH:MM'));
  if (!CLOCK.test(r.endTime)) problems.push(at('endTime', 'must be a time of day, HH:MM'));
  else if (CLOCK.test(r.startTime) && r.endTime <= r.startTime)
    problems.push(at('endTime', `must be after startTime (${r.startTime})`));
  if (!Number.isInteger(r.intervalWeeks) || r.intervalWeeks < 1 || r.intervalWeeks > 4) {
    problems.push(at('intervalWeeks', 'must be a whole number of weeks, 1 to 4'));
  }
  return problems;
}

/** The recurrence's days, in order; null once there are more than MAX_SESSIONS. */
function recurringDays(r: Recurrence): string[] | null {
  const first = Date.parse(`${r.startsOn}T00:00:00Z`);
  const last = Date.parse(`${r.until}T00:00:00Z`);
  const mondayOffset = isoWeekday(first) - 1; // weeks are counted from the Monday of startsOn's week
  const days: string[] = [];
  for (let day = first; day <= last; day += DAY_MS) {
    const week = Math.floor(((day - first) / DAY_MS + mondayOffset) / 7);
    if (week % r.intervalWeeks !== 0 || !r.weekdays.includes(isoWeekday(day))) continue;
    if (days.length === MAX_SESSIONS) return null;
    days.push(new Date(day).toISOString().slice(0, 10));
  }
  return days;
}

function expandRecurrence(r: Recurrence, timeZone: string): PlannedSession[] {
  const problems = recurrenceProblems(r);
  if (problems.length > 0) throw new ProposalInputInvalid(problems);
  const days = recurringDays(r);
  if (!days) {
    throw new ProposalInputInvalid([
      { path: '/schedule/recurrence/until', message: `makes more than ${MAX_SESSIONS} sessions; plan a shorter run` },
    ]);
  }
  return days.map((day) => ({
    startsAt: instantOf(day, r.startTime, timeZone),
    endsAt: instantOf(day, r.endTime, timeZone),
  }));
}

function checkOneOff(sessions: readonly PlannedSession[]): PlannedSession[] {
  const at = (i: number, field: string, message: string) => ({ path: `/schedule/sessions/${i}/${field}`, message });
  const problems: FieldProblem[] = [];
  if (sessions.length === 0) problems.push({ path: '/schedule/sessions', message: 'must list at least one session' });
  if (sessions.length > MAX_SESSIONS) {
    problems.push({ path: '/schedule/sessions', message: `must list at most ${MAX_SESSIONS} sessions` });
  }
  const times = sessions.map(({ startsAt, endsAt }) => [Date.parse(startsAt), Date.parse(endsAt)] as const);
  times.forEach(([starts, ends], i) => {
    if (Number.isNaN(starts)) problems.push(at(i, 'startsAt', 'must be an instant (RFC 3339)'));
    else if (Number.isNaN(ends)) problems.push(at(i, 'endsAt', 'must be an instant (RFC 3339)'));
    else if (!(starts < ends)) problems.push(at(i, 'endsAt', 'must be after startsAt (a session cannot be empty)'));
    else if (i > 0 && starts < times[i - 1]![1]) {
      problems.push(
        at(i, 'startsAt', `must not be before session ${i - 1} ends (sessions in order, none overlapping)`),
      );
    }
  });
  if (problems.length > 0) throw new ProposalInputInvalid(problems);
  return sessions.map(({ startsAt, endsAt }) => ({
    startsAt: new Date(startsAt).toISOString(),
    endsAt: new Date(endsAt).toISOString(),
  }));
}

/**
 * The sessions a schedule plans, in order: a one-off schedule's own (each non-empty, in order, none
 * overlapping), or a recurrence expanded day by day in its time zone (Intl, no library). Throws
 * ProposalInputInvalid naming each field that breaks a rule, under `/schedule`.
 */
export function expandSchedule(schedule: ProposalSchedule): PlannedSession[] {
  const zone = zoneProblem(schedule.timeZone);
  if (zone) throw new ProposalInputInvalid([zone]);
  if (schedule.kind === 'one-off') {
    if (schedule.recurrence) {
      throw new ProposalInputInvalid([
        { path: '/schedule/recurrence', message: 'must be absent from a one-off schedule' },
      ]);
    }
    return checkOneOff(schedule.sessions ?? []);
  }
  if (schedule.sessions) {
    throw new ProposalInputInvalid([
      { path: '/schedule/sessions', message: 'must be absent from a recurring schedule' },
    ]);
  }
  if (!schedule.recurrence) {
    throw new ProposalInputInvalid([{ path: '/schedule/recurrence', message: 'is required for a recurring schedule' }]);
  }
  return expandRecurrence(schedule.recurrence, schedule.timeZone);
}
