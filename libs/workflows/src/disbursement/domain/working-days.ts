/**
 * Working days for the public-notice window (公示期) in Asia/Shanghai (UTC+8 all year, no daylight saving):
 * Monday to Friday, except the public holidays of the State Council's yearly notice, plus the weekend days it
 * makes working days (调休). Past the last day the calendar knows, Monday to Friday. Pure.
 */
const DAY_MS = 86_400_000;
const SHANGHAI_OFFSET_MS = 8 * 3_600_000;

/** The public calendar a notice is counted on: calendar days (YYYY-MM-DD, Shanghai) that break the weekday rule. */
export interface WorkingCalendar {
  /** Weekdays that are public holidays (or their bridging days off). */
  holidays: string[];
  /** Weekend days that are working days. */
  workdays: string[];
  /** The last day the calendar knows (YYYY-MM-DD); later days follow the weekday rule. */
  knownThrough: string;
}

/** Monday to Friday: the calendar before any State Council notice is known. */
export const WEEKDAYS_ONLY: WorkingCalendar = { holidays: [], workdays: [], knownThrough: '1970-01-01' };

/** Days since 1970-01-01 in Shanghai; that day was a Thursday (weekday 4, Sunday 0). */
const shanghaiDayOf = (epochMs: number) => Math.floor((epochMs + SHANGHAI_OFFSET_MS) / DAY_MS);
const dateOf = (day: number) => new Date(day * DAY_MS).toISOString().slice(0, 10);

function workingDayRule(calendar: WorkingCalendar): (day: number) => boolean {
  const holidays = new Set(calendar.holidays);
  const workdays = new Set(calendar.workdays);
  return (day) => {
    const date = dateOf(day);
    if (date <= calendar.knownThrough) {
      if (holidays.has(date)) return false;
      if (workdays.has(date)) return true;
    }
    const weekday = (day + 4) % 7;
    return weekday !== 0 && weekday !== 6;
  };
}

/**
 * The instant a notice opened at `openedAt` ends: the notice runs `workingDays` whole working days, counted
 * from the day after it opened, and ends at Shanghai midnight after the last of them. 0 days ends at once.
 */
export function noticeEndsAt(openedAt: number, workingDays: number, calendar = WEEKDAYS_ONLY): number {
  if (workingDays <= 0) return openedAt;
  const isWorkingDay = workingDayRule(calendar);
  let day = shanghaiDayOf(openedAt);
  for (let counted = 0; counted < workingDays;) {
    day += 1;
    if (isWorkingDay(day)) counted += 1;
  }
  return (day + 1) * DAY_MS - SHANGHAI_OFFSET_MS;
}

/** The Shanghai calendar day of an instant, YYYY-MM-DD. */
export const shanghaiDateOf = (epochMs: number) => dateOf(shanghaiDayOf(epochMs));
