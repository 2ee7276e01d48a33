import type { ScheduleActivityCommand } from './activity-scheduling';
import {
  ALLOWED,
  type Activity,
  type ActivityCommand,
  type ActivityStatus,
  type Applied,
  applyAttendance,
  applyCancel,
  applyCancelSession,
  applyComplete,
  applyExtraSession,
  applyPause,
  applyResume,
  applySchedule,
  applyStart,
  attendanceOf,
  type Session,
} from './activity';
import { ActivityInputInvalid, InvalidTransition, NoSessionHeld, SessionStatusConflict } from './activity-errors';

const AT = '2026-12-01T02:00:00.000Z';
const RESIDENT = 'rp-3f8k2m1q';
const command: ScheduleActivityCommand = {
  proposalId: 'prop-1',
  organizationId: 'org-1',
  communityCode: '310104-005-001',
  basis: 'approved',
  decisionId: 'decision/activity-proposal/prop-1',
  needId: null,
  venueId: null,
  staffingPlan: null,
  sessions: [
    { startsAt: '2026-12-01T01:30:00.000Z', endsAt: '2026-12-01T03:00:00.000Z' },
    { startsAt: '2026-12-03T01:30:00.000Z', endsAt: '2026-12-03T03:00:00.000Z' },
  ],
};
const scheduled = applySchedule('act-1', command, AT).state;
const held = (a: Activity) =>
  applyAttendance(a, 'ses-act-1-1', { residentIds: [RESIDENT], anonymousCount: 1 }, AT).state;

const IN: Record<ActivityStatus, Activity> = {
  scheduled,
  running: held(scheduled),
  paused: applyPause(held(scheduled), 'd-1').state,
  completed: applyComplete(held(scheduled), AT).state,
  cancelled: applyCancel(scheduled, 'organization', null, AT).state,
};

const RUN: Record<ActivityCommand, (a: Activity) => Applied> = {
  start: (a) => applyStart(a, AT),
  'record-attendance': (a) => applyAttendance(a, 'ses-act-1-2', { residentIds: [], anonymousCount: 3 }, AT),
  'add-session': (a) =>
    applyExtraSession(a, { startsAt: '2026-12-05T01:00:00.000Z', endsAt: '2026-12-05T02:00:00.000Z' }),
  'cancel-session': (a) => applyCancelSession(a, 'ses-act-1-2'),
  'manage-groups': (a) => ({ state: a, facts: [] }),
  pause: (a) => applyPause(a, 'd-2'),
  resume: (a) => applyResume(a),
  cancel: (a) => applyCancel(a, 'organization', 'no venue', AT),
  complete: (a) => applyComplete(a, AT),
};

describe('activity lifecycle', () => {
  it('schedules sessions numbered 1…n with ids ses-<activityId>-<n>, and one scheduled fact', () => {
    const { state, facts } = applySchedule('act-1', command, AT);
    expect(state.status).toBe('scheduled');
    expect(state.sessions.map((s) => [s.sessionId, s.seq, s.status])).toEqual([
      ['ses-act-1-1', 1, 'planned'],
      ['ses-act-1-2', 2, 'planned'],
    ]);
    expect(facts.map((f) => f.type)).toEqual(['activity.scheduled']);
  });

  const commands = Object.keys(RUN) as ActivityCommand[];
  for (const status of Object.keys(IN) as ActivityStatus[]) {
    for (const attempted of commands.filter((c) => c !== 'manage-groups')) {
      const allowed = ALLOWED[status].includes(attempted);
      it(`${status} ${allowed ? 'allows' : 'refuses'} ${attempted}`, () => {
        if (allowed) {
          expect(() => RUN[attempted](IN[status])).not.toThrow();
        } else {
          const refused = (() => {
            try {
              RUN[attempted](IN[status]);
            } catch (error) {
              return error;
            }
          })();
          expect(refused).toBeInstanceOf(InvalidTransition);
          expect(refused).toMatchObject({ status, attempted, allowed: ALLOWED[status] });
        }
      });
    }
  }

  it('names the allowed commands; a final status allows none', () => {
    expect(() => applyComplete(IN.completed, AT)).toThrow(/completed cannot complete \(it allows nothing/);
    expect(ALLOWED.completed).toEqual([]);
    expect(ALLOWED.cancelled).toEqual([]);
    expect(ALLOWED.paused).toEqual(['manage-groups', 'resume', 'cancel']);
  });

  it('the first attendance on a scheduled activity starts it; a correction on a running one does not', () => {
    const first = applyAttendance(scheduled, 'ses-act-1-1', { residentIds: [RESIDENT], anonymousCount: 0 }, AT);
    expect(first.state.status).toBe('running');
    expect(first.state.startedAt).toBe(AT);
    expect(first.facts.map((f) => f.type)).toEqual(['activity.started']);
    const corrected = applyAttendance(first.state, 'ses-act-1-1', { residentIds: [], anonymousCount: 4 }, AT);
    expect(corrected.facts).toEqual([]);
    expect(corrected.state.sessions[0]).toMatchObject({ status: 'held', residentIds: [], anonymousCount: 4 });
  });

  it('refuses attendance with a malformed or repeated pseudonym, naming it, and on a cancelled session', () => {
    const bad = { residentIds: [RESIDENT, 'Alice', RESIDENT], anonymousCount: -1 };
    expect(() => applyAttendance(scheduled, 'ses-act-1-1', bad, AT)).toThrow(ActivityInputInvalid);
    try {
      applyAttendance(scheduled, 'ses-act-1-1', bad, AT);
    } catch (error) {
      expect((error as ActivityInputInvalid).problems.map((p) => p.path)).toEqual([
        '/residentIds/1',
        '/residentIds/2',
        '/anonymousCount',
      ]);
    }
    const cancelledSession = applyCancelSession(scheduled, 'ses-act-1-2').state;
    expect(() => applyAttendance(cancelledSession, 'ses-act-1-2', { residentIds: [], anonymousCount: 1 }, AT)).toThrow(
      SessionStatusConflict,
    );
  });

  it('cancels only a planned session, and numbers an extra session after the last', () => {
    expect(() => applyCancelSession(IN.running, 'ses-act-1-1')).toThrow(SessionStatusConflict);
    const extra = applyExtraSession(IN.running, {
      startsAt: '2026-12-05T01:00:00.000Z',
      endsAt: '2026-12-05T02:00:00.000Z',
    });
    expect(extra.state.sessions.at(-1)).toMatchObject({ sessionId: 'ses-act-1-3', seq: 3, status: 'planned' });
    expect(() =>
      applyExtraSession(IN.running, { startsAt: '2026-12-05T02:00:00.000Z', endsAt: '2026-12-05T01:00:00.000Z' }),
    ).toThrow(/\/endsAt/);
  });

  it('pause remembers where it was and resume returns there, counting pauses', () => {
    const paused = applyPause(IN.running, 'd-9');
    expect(paused.state).toMatchObject({ status: 'paused', pausedFrom: 'running', pauses: 1, decisionId: 'd-9' });
    const resumed = applyResume(paused.state);
    expect(resumed.state).toMatchObject({ status: 'running', pausedFrom: null, pauses: 1 });
    expect(resumed.facts.map((f) => f.type)).toEqual(['activity.resumed']);
    expect(applyResume(applyPause(scheduled, 'd-9').state).state.status).toBe('scheduled');
  });

  it('completion needs a held session (409 no-session-held)', () => {
    const startedEmpty = applyStart(scheduled, AT).state;
    expect(() => applyComplete(startedEmpty, AT)).toThrow(NoSessionHeld);
    const done = applyComplete(IN.running, AT);
    expect(done.state).toMatchObject({ status: 'completed', completedAt: AT });
    expect(done.facts.map((f) => f.type)).toEqual(['activity.completed']);
  });
});

describe('attendanceOf', () => {
  const session = (seq: number, status: Session['status'], residentIds: string[], anonymousCount: number) => ({
    sessionId: `s${seq}`,
    seq,
    startsAt: AT,
    endsAt: AT,
    status,
    residentIds,
    anonymousCount,
  });

  it('worked example: s1 {rp-a,rp-b,rp-c}+2, s2 {rp-b,rp-c,rp-d}+0, s3 cancelled → 2 held, 4 residents, attendance 4+2 = 6', () => {
    const result = attendanceOf([
      session(1, 'held', ['rp-a', 'rp-b', 'rp-c'], 2),
      session(2, 'held', ['rp-b', 'rp-c', 'rp-d'], 0),
      session(3, 'cancelled', ['rp-e'], 5),
    ]);
    expect(result).toEqual({ sessionsHeld: 2, participantIds: ['rp-a', 'rp-b', 'rp-c', 'rp-d'], attendance: 6 });
  });

  it('counts nothing from planned sessions', () => {
    expect(attendanceOf([session(1, 'planned', [], 0)])).toEqual({
      sessionsHeld: 0,
      participantIds: [],
      attendance: 0,
    });
  });
});
