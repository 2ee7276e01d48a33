/*
 * Calendar days where the organizations and funders work (Asia/Shanghai, no daylight saving): a tranche
 * due on 2026-04-01 is late from the 2nd, Shanghai time, whatever the server's zone.
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
