import { ProposalInputInvalid } from './proposal-errors';
import { expandSchedule, instantOf, MAX_SESSIONS, type ProposalSchedule, type Recurrence } from './schedule';

const recurring = (recurrence: Partial<Recurrence> = {}): ProposalSchedule => ({
  kind: 'recurring',
  timeZone: 'Asia/Shanghai',
  recurrence: {
    startsOn: '2026-12-01', // a Tuesday
    until: '2026-12-17',
    weekdays: [2, 4],
    startTime: '09:30',
    endTime: '11:00',
    intervalWeeks: 1,
    ...recurrence,
  },
});

const pathsOf = (run: () => unknown): string[] => {
  try {
    run();
  } catch (error) {
    if (error instanceof ProposalInputInvalid) return error.problems.map((p) => p.path);
    throw error;
  }
  throw new Error('expected ProposalInputInvalid');
};

describe('expandSchedule: recurring (plan examples)', () => {
  it('Tuesdays and Thursdays weekly, 1–17 Dec 2026, 09:30–11:00 Shanghai: six sessions', () => {
    const sessions = expandSchedule(recurring());
    expect(sessions.map((s) => s.startsAt.slice(0, 10))).toEqual([
      '2026-12-01',
      '2026-12-03',
      '2026-12-08',
      '2026-12-10',
      '2026-12-15',
      '2026-12-17',
    ]);
    expect(sessions[0]).toEqual({ startsAt: '2026-12-01T01:30:00.000Z', endsAt: '2026-12-01T03:00:00.000Z' });
  });

  it('every second week, counted from the ISO week of startsOn: Dec 1, 3, 15, 17', () => {
    const sessions = expandSchedule(recurring({ intervalWeeks: 2 }));
    expect(sessions.map((s) => s.startsAt)).toEqual([
      '2026-12-01T01:30:00.000Z',
      '2026-12-03T01:30:00.000Z',
      '2026-12-15T01:30:00.000Z',
      '2026-12-17T01:30:00.000Z',
    ]);
  });

  it('a Monday session in the week of a Tuesday start counts that week as the first', () => {
    // startsOn Tue 1 Dec: Mon 30 Nov is before it; Mon 7 Dec is week 1 (skipped at 2), Mon 14 Dec week 2.
    const sessions = expandSchedule(recurring({ weekdays: [1], intervalWeeks: 2, until: '2026-12-21' }));
    expect(sessions.map((s) => s.startsAt.slice(0, 10))).toEqual(['2026-12-14']);
  });

  it('converts with the zone’s own offset, summer time included (Europe/Berlin, UTC+1 then UTC+2)', () => {
    expect(instantOf('2027-03-27', '09:30', 'Europe/Berlin')).toBe('2027-03-27T08:30:00.000Z');
    expect(instantOf('2027-03-29', '09:30', 'Europe/Berlin')).toBe('2027-03-29T07:30:00.000Z');
  });

  it(`exactly ${MAX_SESSIONS} sessions are accepted; more are refused naming /schedule/recurrence/until`, () => {
    // every day from 2026-01-01: day 500 is 2027-05-15.
    const daily = { startsOn: '2026-01-01', weekdays: [1, 2, 3, 4, 5, 6, 7] };
    expect(expandSchedule(recurring({ ...daily, until: '2027-05-15' }))).toHaveLength(MAX_SESSIONS);
    expect(pathsOf(() => expandSchedule(recurring({ ...daily, until: '2027-05-16' })))).toEqual([
      '/schedule/recurrence/until',
    ]);
  });

  it('an end time not after the start time is refused naming /schedule/recurrence/endTime', () => {
    expect(pathsOf(() => expandSchedule(recurring({ endTime: '09:30' })))).toEqual(['/schedule/recurrence/endTime']);
    expect(pathsOf(() => expandSchedule(recurring({ endTime: '08:00' })))).toEqual(['/schedule/recurrence/endTime']);
  });

  it('names every broken field of the recurrence', () => {
    const broken = { until: '2026-11-30', weekdays: [0, 8], startTime: '9:30', intervalWeeks: 5 };
    expect(pathsOf(() => expandSchedule(recurring(broken)))).toEqual([
      '/schedule/recurrence/until',
      '/schedule/recurrence/weekdays',
      '/schedule/recurrence/startTime',
      '/schedule/recurrence/intervalWeeks',
    ]);
  });

  it('an unknown time zone is refused naming /schedule/timeZone', () => {
    expect(pathsOf(() => expandSchedule({ ...recurring(), timeZone: 'Mars/Olympus' }))).toEqual(['/schedule/timeZone']);
  });

  it('a recurring schedule has a recurrence and no sessions', () => {
    expect(pathsOf(() => expandSchedule({ kind: 'recurring', timeZone: 'Asia/Shanghai' }))).toEqual([
      '/schedule/recurrence',
    ]);
    const both = { ...recurring(), sessions: [{ startsAt: '2026-12-01T01:00:00Z', endsAt: '2026-12-01T02:00:00Z' }] };
    expect(pathsOf(() => expandSchedule(both))).toEqual(['/schedule/sessions']);
  });
});

describe('expandSchedule: one-off', () => {
  const oneOff = (sessions: { startsAt: string; endsAt: string }[]): ProposalSchedule => ({
    kind: 'one-off',
    timeZone: 'Asia/Shanghai',
    sessions,
  });

  it('returns its sessions as UTC instants, in order', () => {
    const sessions = expandSchedule(
      oneOff([
        { startsAt: '2026-12-05T09:00:00+08:00', endsAt: '2026-12-05T11:00:00+08:00' },
        { startsAt: '2026-12-05T11:00:00+08:00', endsAt: '2026-12-05T12:00:00+08:00' },
      ]),
    );
    expect(sessions).toEqual([
      { startsAt: '2026-12-05T01:00:00.000Z', endsAt: '2026-12-05T03:00:00.000Z' },
      { startsAt: '2026-12-05T03:00:00.000Z', endsAt: '2026-12-05T04:00:00.000Z' },
    ]);
  });

  it('an empty session is refused naming its endsAt', () => {
    const at = '2026-12-05T01:00:00.000Z';
    const ok = { startsAt: '2026-12-04T01:00:00.000Z', endsAt: '2026-12-04T02:00:00.000Z' };
    expect(pathsOf(() => expandSchedule(oneOff([ok, { startsAt: at, endsAt: at }])))).toEqual([
      '/schedule/sessions/1/endsAt',
    ]);
  });

  it('sessions out of order or overlapping are refused naming the later one', () => {
    const first = { startsAt: '2026-12-05T01:00:00.000Z', endsAt: '2026-12-05T03:00:00.000Z' };
    const overlapping = { startsAt: '2026-12-05T02:00:00.000Z', endsAt: '2026-12-05T04:00:00.000Z' };
    const earlier = { startsAt: '2026-12-04T01:00:00.000Z', endsAt: '2026-12-04T02:00:00.000Z' };
    expect(pathsOf(() => expandSchedule(oneOff([first, overlapping])))).toEqual(['/schedule/sessions/1/startsAt']);
    expect(pathsOf(() => expandSchedule(oneOff([first, earlier])))).toEqual(['/schedule/sessions/1/startsAt']);
  });

  it('no session at all, or a recurrence beside the sessions, is refused', () => {
    expect(pathsOf(() => expandSchedule(oneOff([])))).toEqual(['/schedule/sessions']);
    const both = { ...oneOff([]), recurrence: recurring().recurrence };
    expect(pathsOf(() => expandSchedule(both))).toEqual(['/schedule/recurrence']);
  });
});
