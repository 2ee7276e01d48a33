/*
 * Calendar days where the organizations and funders work (Asia/Shanghai, no daylight saving): a grant
 * activated at 2026-11-27T16:00Z is activated on the 28th, and a tranche due on 2026-04-01 is late from the
 * 2nd, Shanghai time, whatever the server's zone. Shared by applications, grants and gap warnings.
 */

const SHANGHAI_DAY = new Intl.DateTimeFormat('en-CA', {
  timeZone: 'Asia/Shanghai',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
});

/** The calendar day (YYYY-MM-DD) `now` falls on in Asia/Shanghai. */
export const shanghaiDay = (now: Date): string => SHANGHAI_DAY.format(now);

const MS_PER_DAY = 86_400_000;
const dayNumber = (day: string): number =>
  Date.UTC(+day.slice(0, 4), +day.slice(5, 7) - 1, +day.slice(8, 10)) / MS_PER_DAY;

/** Whole calendar days from `from` to `to` (both YYYY-MM-DD): 2026-05-10 → 2026-07-01 is 52; negative when `to` is earlier. */
export const daysFrom = (from: string, to: string): number => dayNumber(to) - dayNumber(from);

/** A calendar date `days` later (calendar arithmetic on the date itself, no time zone involved). */
export function addDays(date: string, days: number): string {
  const [year, month, day] = date.split('-').map(Number);
  return new Date(Date.UTC(year, month - 1, day + days)).toISOString().slice(0, 10);
}
