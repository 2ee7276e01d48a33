import { checkSessions, type Session, wallClock } from './booking-rules';
import type { Venue } from './venue';
import { BookingRuleBroken, SessionsOverlap } from './venue-errors';

// Shanghai is UTC+8 all year. 2026-12-06 is a Sunday, 2026-12-07 a Monday, 2026-12-05 a Saturday.
const venue: Venue = {
  venueId: 'venue-hall',
  communityCode: '310104-005-001',
  name: '睦邻中心活动室',
  capacity: 40,
  timeZone: 'Asia/Shanghai',
  openingHours: [
    ...[1, 2, 3, 4, 5].map((weekday) => ({ weekday, opens: '08:30', closes: '20:30' })),
    { weekday: 7, opens: '09:00', closes: '12:00' },
    { weekday: 7, opens: '14:00', closes: '17:00' },
  ],
  status: 'active',
  revision: 1,
};
const now = new Date('2026-11-27T00:00:00Z');
/** A session given in Shanghai wall-clock time. */
const local = (day: string, from: string, to: string, participants = 30): Session => ({
  startsAt: new Date(`${day}T${from}:00+08:00`),
  endsAt: new Date(`${day}T${to}:00+08:00`),
  participants,
});
const problemsOf = (sessions: Session[]) => {
  const refusal = checkSessions(venue, sessions, now);
  expect(refusal).toBeInstanceOf(BookingRuleBroken);
  return (refusal as BookingRuleBroken).problems;
};

describe('the wall clock in the venue time zone (Intl, no library)', () => {
  it('gives the ISO weekday, Monday = 1 … Sunday = 7, of the venue’s day, not UTC’s', () => {
    expect(wallClock(new Date('2026-12-06T20:00:00Z'), 'Asia/Shanghai')).toEqual({
      weekday: 1, // Sunday 20:00 in UTC is Monday 04:00 in Shanghai
      date: '2026-12-07',
      seconds: 4 * 3600,
    });
    expect(wallClock(new Date('2026-12-06T01:00:00Z'), 'Asia/Shanghai').weekday).toBe(7);
  });

  it('writes a year before 1000 with four digits, so that a session then is judged, not a RangeError (a 500)', () => {
    expect(wallClock(new Date('0113-08-01T11:11:15Z'), 'UTC').date).toBe('0113-08-01');
    const ancient = { startsAt: new Date('0113-08-01T11:11:15-11:33'), endsAt: new Date('0363-10-09T05:29:17Z') };
    expect(checkSessions(venue, [{ ...ancient, participants: 1 }], now)).toBeInstanceOf(BookingRuleBroken);
  });
});

describe('booking rules: opening hours in Asia/Shanghai', () => {
  it('books sessions inside one opening period, on a weekday and on Sunday (weekday 7)', () => {
    expect(checkSessions(venue, [local('2026-12-07', '08:30', '20:30')], now)).toBeNull();
    expect(
      checkSessions(venue, [local('2026-12-06', '09:00', '12:00'), local('2026-12-06', '14:00', '16:00')], now),
    ).toBeNull();
  });

  it('refuses a session that crosses closing time, naming its endsAt', () => {
    expect(problemsOf([local('2026-12-07', '19:30', '21:00')])).toEqual([
      {
        path: '/sessions/0/endsAt',
        message: 'runs past closing time 20:30 (Asia/Shanghai) of the period opening at 08:30',
      },
    ]);
  });

  it('refuses a Sunday session that runs from the morning period into the midday break', () => {
    expect(problemsOf([local('2026-12-06', '11:00', '13:00')]).map((p) => p.path)).toEqual(['/sessions/0/endsAt']);
  });

  it('refuses a session starting when the venue is closed: Sunday’s midday break, Saturday, before opening', () => {
    expect(problemsOf([local('2026-12-06', '12:30', '13:30')])).toEqual([
      {
        path: '/sessions/0/startsAt',
        message: "is outside the venue's opening hours on weekday 7 (09:00–12:00, 14:00–17:00, Asia/Shanghai)",
      },
    ]);
    expect(problemsOf([local('2026-12-05', '10:00', '11:00')])[0]!.message).toMatch(/weekday 6 \(closed/);
    expect(problemsOf([local('2026-12-07', '08:00', '09:00')]).map((p) => p.path)).toEqual(['/sessions/0/startsAt']);
  });

  it('judges by the venue’s clock: 09:00 UTC on Monday is 17:00 in Shanghai (open), 13:00 UTC is 21:00 (closed)', () => {
    const utc = (from: string, to: string): Session => ({
      startsAt: new Date(from),
      endsAt: new Date(to),
      participants: 5,
    });
    expect(checkSessions(venue, [utc('2026-12-07T09:00:00Z', '2026-12-07T10:00:00Z')], now)).toBeNull();
    expect(problemsOf([utc('2026-12-07T13:00:00Z', '2026-12-07T14:00:00Z')])[0]!.path).toBe('/sessions/0/startsAt');
  });

  it('refuses a session that runs past midnight into the next day', () => {
    const allDay = { ...venue, openingHours: [{ weekday: 1, opens: '20:00', closes: '24:00' }] };
    expect(checkSessions(allDay, [local('2026-12-07', '22:00', '24:00')], now)).toBeNull();
    const overnight = { ...local('2026-12-07', '22:00', '23:00'), endsAt: new Date('2026-12-08T01:00:00+08:00') };
    const refusal = checkSessions(allDay, [overnight], now) as BookingRuleBroken;
    expect(refusal.problems.map((p) => p.path)).toEqual(['/sessions/0/endsAt']);
  });
});

describe('booking rules: capacity, empty and past ranges', () => {
  it('takes as many participants as the venue holds, and refuses one more, naming the field', () => {
    expect(checkSessions(venue, [local('2026-12-07', '09:00', '10:00', 40)], now)).toBeNull();
    expect(problemsOf([local('2026-12-07', '09:00', '10:00', 41)])).toEqual([
      { path: '/sessions/0/participants', message: "41 exceeds the venue's capacity of 40" },
    ]);
  });

  it.each([
    ['empty', '10:00', '10:00'],
    ['reversed', '11:00', '10:00'],
  ])('refuses an %s range, naming endsAt', (_what, from, to) => {
    expect(problemsOf([local('2026-12-07', from, to)])).toEqual([
      { path: '/sessions/0/endsAt', message: 'must be after startsAt (a session cannot be empty)' },
    ]);
  });

  it('refuses a session in the past, naming startsAt', () => {
    expect(problemsOf([local('2026-11-23', '09:00', '10:00')])).toEqual([
      { path: '/sessions/0/startsAt', message: 'is in the past' },
    ]);
  });

  it('names every broken field of every session at once', () => {
    const problems = problemsOf([local('2026-12-07', '09:00', '10:00'), local('2026-12-07', '19:00', '21:00', 50)]);
    expect(problems.map((p) => p.path)).toEqual(['/sessions/1/participants', '/sessions/1/endsAt']);
  });
});

describe('booking rules: sessions of one request', () => {
  it('refuses two that overlap each other (409), naming both', () => {
    const refusal = checkSessions(
      venue,
      [local('2026-12-07', '09:00', '11:00'), local('2026-12-07', '10:00', '12:00')],
      now,
    );
    expect(refusal).toBeInstanceOf(SessionsOverlap);
    expect((refusal as SessionsOverlap).sessions).toEqual([0, 1]);
  });

  it('books back-to-back sessions: ranges are [startsAt, endsAt)', () => {
    expect(
      checkSessions(venue, [local('2026-12-07', '09:00', '10:00'), local('2026-12-07', '10:00', '11:00')], now),
    ).toBeNull();
  });
});
