import { noticeEndsAt } from '@sanshe/workflows';
import { PUBLIC_CALENDAR, workingCalendarFrom } from './public-calendar';

const shanghai = (local: string) => Date.parse(`${local}+08:00`);
const iso = (epochMs: number) => new Date(epochMs).toISOString();
const weekday = (date: string) => new Date(`${date}T00:00:00Z`).getUTCDay(); // 0 Sunday … 6 Saturday

describe('the public calendar', () => {
  it("lists 2026 as the State Council's notice gives it: 33 days off, and the six make-up days all weekend days", () => {
    const [y2026] = PUBLIC_CALENDAR;
    // 3 + 9 + 3 + 5 + 3 + 3 + 7 days off, as the notice counts them ("共3天", "共9天", …).
    expect(y2026!.holidays).toHaveLength(33);
    expect(new Set(y2026!.holidays).size).toBe(33);
    expect(y2026!.workdays.map(weekday)).toEqual([0, 6, 6, 6, 0, 6]); // 1/4 Sun, 2/14 Sat, 2/28 Sat, 5/9 Sat, 9/20 Sun, 10/10 Sat
    expect(weekday('2026-01-01')).toBe(4); // "1月1日（周四）": the dates are the notice's
  });

  it('a notice over the Spring Festival counts the make-up Saturday and skips the holiday week', () => {
    // Opened Friday 2026-02-13: Sat 2/14 works (1), 2/15–23 off, then Tue 24 … Fri 27 (2–5).
    const calendar = workingCalendarFrom('2026-02-13');
    expect(iso(noticeEndsAt(shanghai('2026-02-13T10:00:00'), 5, calendar))).toBe('2026-02-27T16:00:00.000Z');
    // Monday to Friday alone would have ended it inside the holiday, on 2026-02-20.
    expect(iso(noticeEndsAt(shanghai('2026-02-13T10:00:00'), 5))).toBe('2026-02-20T16:00:00.000Z');
  });

  it('over National Day: 10/1–7 off, Saturday 10/10 a working day', () => {
    const calendar = workingCalendarFrom('2026-09-30');
    expect(iso(noticeEndsAt(shanghai('2026-09-30T10:00:00'), 3, calendar))).toBe('2026-10-10T16:00:00.000Z');
  });

  it('past the last known year, Monday to Friday: a later notice does not move a window already open', () => {
    const calendar = workingCalendarFrom('2026-12-31');
    expect(calendar.knownThrough).toBe('2026-12-31');
    // 2027-01-01 is a Friday; 2027's notice is not in the calendar yet, so it counts as a working day.
    expect(iso(noticeEndsAt(shanghai('2026-12-31T10:00:00'), 1, calendar))).toBe('2027-01-01T16:00:00.000Z');
  });

  it('gives only the days a notice can need: from the opening day, 120 days on', () => {
    const calendar = workingCalendarFrom('2026-06-01');
    expect(calendar.holidays[0]).toBe('2026-06-19');
    expect(calendar.holidays.at(-1)).toBe('2026-09-27');
    expect(calendar.workdays).toEqual(['2026-09-20']);
  });
});
