import type { WorkingCalendar } from '@sanshe/workflows';

/**
 * One year's public holidays and make-up working days (放假调休) as the State Council's General Office announces
 * them each November for the next year. Reference data, reviewed like code: when the next year's notice is
 * published, add its year here with the source (docs/operations.md, "The public calendar"). Every day of each
 * holiday is listed as the notice gives it, weekend days included.
 */
export interface PublicCalendarYear {
  year: number;
  source: string;
  holidays: string[];
  workdays: string[];
}

const range = (year: number, month: number, first: number, last: number) =>
  Array.from(
    { length: last - first + 1 },
    (_, i) => `${year}-${String(month).padStart(2, '0')}-${String(first + i).padStart(2, '0')}`,
  );

export const PUBLIC_CALENDAR: readonly PublicCalendarYear[] = [
  {
    year: 2026,
    source:
      '国务院办公厅关于2026年部分节假日安排的通知（2025年11月4日，新华社）: ' +
      'https://politics.gmw.cn/2025-11/04/content_38391083.htm',
    holidays: [
      ...range(2026, 1, 1, 3), // 元旦
      ...range(2026, 2, 15, 23), // 春节
      ...range(2026, 4, 4, 6), // 清明节
      ...range(2026, 5, 1, 5), // 劳动节
      ...range(2026, 6, 19, 21), // 端午节
      ...range(2026, 9, 25, 27), // 中秋节
      ...range(2026, 10, 1, 7), // 国庆节
    ],
    workdays: ['2026-01-04', '2026-02-14', '2026-02-28', '2026-05-09', '2026-09-20', '2026-10-10'],
  },
];

/** How far ahead a notice needs the calendar: the longest notice (a month of working days) spans ~2 months. */
const HORIZON_DAYS = 120;

/** The calendar from `from` on (YYYY-MM-DD), for at most HORIZON_DAYS: what one notice window can need. */
export function workingCalendarFrom(
  from: string,
  years: readonly PublicCalendarYear[] = PUBLIC_CALENDAR,
): WorkingCalendar {
  const until = new Date(Date.parse(`${from}T00:00:00Z`) + HORIZON_DAYS * 86_400_000).toISOString().slice(0, 10);
  const within = (day: string) => day >= from && day <= until;
  const lastYear = Math.max(1969, ...years.map((y) => y.year));
  return {
    holidays: years.flatMap((y) => y.holidays).filter(within),
    workdays: years.flatMap((y) => y.workdays).filter(within),
    knownThrough: `${lastYear}-12-31`,
  };
}
