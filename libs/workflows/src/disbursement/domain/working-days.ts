/**
 * Working days for the public-notice window (公示期): Monday to Friday in Asia/Shanghai (UTC+8 all year, no
 * daylight saving). Public holidays are not known yet (docs/decisions.md, "Grant disbursement"). Pure.
 */
const DAY_MS = 86_400_000;
const SHANGHAI_OFFSET_MS = 8 * 3_600_000;

/** Days since 1970-01-01 in Shanghai; that day was a Thursday (weekday 4, Sunday 0). */
const shanghaiDayOf = (epochMs: number) => Math.floor((epochMs + SHANGHAI_OFFSET_MS) / DAY_MS);
const isWorkingDay = (day: number) => {
  const weekday = (day + 4) % 7;
  return weekday !== 0 && weekday !== 6;
};

/**
 * The instant a notice opened at `openedAt` ends: the notice runs `workingDays` whole working days, counted
 * from the day after it opened, and ends at Shanghai midnight after the last of them. 0 days ends at once.
 */
export function noticeEndsAt(openedAt: number, workingDays: number): number {
  if (workingDays <= 0) return openedAt;
  let day = shanghaiDayOf(openedAt);
  for (let counted = 0; counted < workingDays;) {
    day += 1;
    if (isWorkingDay(day)) counted += 1;
  }
  return (day + 1) * DAY_MS - SHANGHAI_OFFSET_MS;
}
