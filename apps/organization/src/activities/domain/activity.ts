import type { FieldProblem, StaffingPlan } from '@sanshe/contracts';
import type { ScheduleActivityCommand } from './activity-scheduling';
import {
  ActivityInputInvalid,
  InvalidTransition,
  NoSessionHeld,
  SessionNotFound,
  SessionStatusConflict,
} from './activity-errors';

export type ActivityStatus = 'scheduled' | 'running' | 'paused' | 'completed' | 'cancelled';
export type ActivityCommand =
  | 'start'
  | 'record-attendance'
  | 'add-session'
  | 'cancel-session'
  | 'manage-groups'
  | 'pause'
  | 'resume'
  | 'cancel'
  | 'complete';
export type SessionStatus = 'planned' | 'held' | 'cancelled';
export type CancelReason = 'organization' | 'called-in-rejected' | 'withdrawn' | 'organization-deregistered';

/** What each status permits; completed and cancelled are final (docs: apps/organization/README.md). */
export const ALLOWED: Record<ActivityStatus, readonly ActivityCommand[]> = {
  scheduled: ['start', 'record-attendance', 'add-session', 'cancel-session', 'manage-groups', 'pause', 'cancel'],
  running: ['record-attendance', 'add-session', 'cancel-session', 'manage-groups', 'complete', 'pause', 'cancel'],
  paused: ['manage-groups', 'resume', 'cancel'],
  completed: [],
  cancelled: [],
};

export interface Session {
  sessionId: string;
  seq: number;
  startsAt: string;
  endsAt: string;
  status: SessionStatus;
  residentIds: string[];
  anonymousCount: number;
}

export interface Activity {
  activityId: string;
  proposalId: string;
  organizationId: string;
  communityCode: string;
  needId: string | null;
  grantId: string | null;
  basis: 'approved' | 'filed';
  decisionId: string | null;
  venueId: string | null;
  staffingPlan: StaffingPlan | null;
  status: ActivityStatus;
  /** Where a resume returns to. */
  pausedFrom: 'scheduled' | 'running' | null;
  /** How many times it was paused: numbers the paused/resumed events. */
  pauses: number;
  sessions: Session[];
  scheduledAt: string;
  startedAt: string | null;
  completedAt: string | null;
  cancelled: { reason: CancelReason; note: string | null; at: string } | null;
}

export type ActivityFact =
  | { type: 'activity.scheduled'; activity: Activity }
  | { type: 'activity.started'; activity: Activity }
  | { type: 'activity.paused'; activity: Activity }
  | { type: 'activity.resumed'; activity: Activity }
  | { type: 'activity.cancelled'; activity: Activity }
  | { type: 'activity.completed'; activity: Activity };

export interface Applied {
  state: Activity;
  facts: ActivityFact[];
}

export interface Attendance {
  residentIds: string[];
  anonymousCount: number;
}

const RESIDENT_ID = /^rp-[0-9a-z]{8,64}$/;
export const MAX_ATTENDEES = 5000;

/** Refuses a command the status does not allow, naming the ones it does. */
export function assertAllowed(activity: Pick<Activity, 'status'>, command: ActivityCommand): void {
  const allowed = ALLOWED[activity.status];
  if (!allowed.includes(command)) throw new InvalidTransition(activity.status, command, allowed);
}

export const sessionIdOf = (activityId: string, seq: number) => `ses-${activityId}-${seq}`;

/** An approved or filed proposal becomes a scheduled activity; its sessions are numbered 1…n. */
export function applySchedule(activityId: string, command: ScheduleActivityCommand, at: string): Applied {
  const { proposalId, organizationId, communityCode, basis, decisionId, needId, venueId, staffingPlan } = command;
  const sessions = command.sessions.map(({ startsAt, endsAt }, index): Session => ({
    sessionId: sessionIdOf(activityId, index + 1),
    seq: index + 1,
    startsAt,
    endsAt,
    status: 'planned',
    residentIds: [],
    anonymousCount: 0,
  }));
  const state: Activity = {
    ...{ activityId, proposalId, organizationId, communityCode, basis, decisionId, needId, venueId, staffingPlan },
    grantId: null,
    status: 'scheduled',
    pausedFrom: null,
    pauses: 0,
    sessions,
    scheduledAt: at,
    startedAt: null,
    completedAt: null,
    cancelled: null,
  };
  return { state, facts: [{ type: 'activity.scheduled', activity: state }] };
}

export function applyStart(activity: Activity, at: string): Applied {
  assertAllowed(activity, 'start');
  const state: Activity = { ...activity, status: 'running', startedAt: at };
  return { state, facts: [{ type: 'activity.started', activity: state }] };
}

export function attendanceProblems({ residentIds, anonymousCount }: Attendance): FieldProblem[] {
  const problems: FieldProblem[] = [];
  if (residentIds.length > MAX_ATTENDEES) {
    problems.push({ path: '/residentIds', message: `at most ${MAX_ATTENDEES} residents per session` });
  }
  const seen = new Set<string>();
  residentIds.forEach((id, index) => {
    if (!RESIDENT_ID.test(id)) {
      problems.push({ path: `/residentIds/${index}`, message: 'is not a resident pseudonym (rp-…)' });
    } else if (seen.has(id)) {
      problems.push({ path: `/residentIds/${index}`, message: `${id} is listed twice` });
    }
    seen.add(id);
  });
  if (!Number.isInteger(anonymousCount) || anonymousCount < 0) {
    problems.push({ path: '/anonymousCount', message: 'must be an integer ≥ 0' });
  }
  return problems;
}

const sessionOf = (activity: Activity, sessionId: string): Session => {
  const session = activity.sessions.find((s) => s.sessionId === sessionId);
  if (!session) throw new SessionNotFound(`activity ${activity.activityId} has no session ${sessionId}`);
  return session;
};

const withSession = (activity: Activity, session: Session): Activity => ({
  ...activity,
  sessions: activity.sessions.map((s) => (s.sessionId === session.sessionId ? session : s)),
});

/**
 * Records who came to a session: planned → held; a held session's attendance is replaced (a correction)
 * until completion. The first attendance on a scheduled activity starts it.
 */
export function applyAttendance(activity: Activity, sessionId: string, attendance: Attendance, at: string): Applied {
  assertAllowed(activity, 'record-attendance');
  const session = sessionOf(activity, sessionId);
  if (session.status === 'cancelled') throw new SessionStatusConflict(sessionId, session.status, 'record attendance');
  const problems = attendanceProblems(attendance);
  if (problems.length > 0) throw new ActivityInputInvalid(problems);
  const held: Session = {
    ...session,
    status: 'held',
    residentIds: [...attendance.residentIds],
    anonymousCount: attendance.anonymousCount,
  };
  const recorded = withSession(activity, held);
  if (activity.status !== 'scheduled') return { state: recorded, facts: [] };
  const started = applyStart(recorded, at);
  return started;
}

/** A session the schedule did not plan, numbered after the last one. */
export function applyExtraSession(activity: Activity, slot: { startsAt: string; endsAt: string }): Applied {
  assertAllowed(activity, 'add-session');
  if (!(Date.parse(slot.startsAt) < Date.parse(slot.endsAt))) {
    throw new ActivityInputInvalid([{ path: '/endsAt', message: 'must be after startsAt' }]);
  }
  const seq = Math.max(0, ...activity.sessions.map((s) => s.seq)) + 1;
  const session: Session = {
    sessionId: sessionIdOf(activity.activityId, seq),
    seq,
    ...slot,
    status: 'planned',
    residentIds: [],
    anonymousCount: 0,
  };
  return { state: { ...activity, sessions: [...activity.sessions, session] }, facts: [] };
}

/** Only a planned session is cancelled: a held one keeps its attendance (correct it instead). */
export function applyCancelSession(activity: Activity, sessionId: string): Applied {
  assertAllowed(activity, 'cancel-session');
  const session = sessionOf(activity, sessionId);
  if (session.status !== 'planned') throw new SessionStatusConflict(sessionId, session.status, 'be cancelled');
  return { state: withSession(activity, { ...session, status: 'cancelled' }), facts: [] };
}

/** A call-in pauses it; the resume returns to where it was. */
export function applyPause(activity: Activity, decisionId: string): Applied {
  assertAllowed(activity, 'pause');
  const pausedFrom = activity.status as 'scheduled' | 'running';
  const state: Activity = { ...activity, status: 'paused', pausedFrom, pauses: activity.pauses + 1, decisionId };
  return { state, facts: [{ type: 'activity.paused', activity: state }] };
}

export function applyResume(activity: Activity): Applied {
  assertAllowed(activity, 'resume');
  const state: Activity = { ...activity, status: activity.pausedFrom ?? 'scheduled', pausedFrom: null };
  return { state, facts: [{ type: 'activity.resumed', activity: state }] };
}

export function applyCancel(activity: Activity, reason: CancelReason, note: string | null, at: string): Applied {
  assertAllowed(activity, 'cancel');
  const state: Activity = { ...activity, status: 'cancelled', pausedFrom: null, cancelled: { reason, note, at } };
  return { state, facts: [{ type: 'activity.cancelled', activity: state }] };
}

/** Completion: running only, with at least one held session (the report itself is checked by the caller). */
export function applyComplete(activity: Activity, at: string): Applied {
  assertAllowed(activity, 'complete');
  if (!activity.sessions.some((s) => s.status === 'held')) {
    throw new NoSessionHeld(`activity ${activity.activityId} has held no session: record attendance first`);
  }
  const state: Activity = { ...activity, status: 'completed', completedAt: at };
  return { state, facts: [{ type: 'activity.completed', activity: state }] };
}

/** Sessions held, the residents who came (sorted, once each) and attendance = distinct residents + anonymous. */
export function attendanceOf(sessions: readonly Session[]): {
  sessionsHeld: number;
  participantIds: string[];
  attendance: number;
} {
  const held = sessions.filter((s) => s.status === 'held');
  const participantIds = [...new Set(held.flatMap((s) => s.residentIds))].sort();
  const anonymous = held.reduce((sum, s) => sum + s.anonymousCount, 0);
  return { sessionsHeld: held.length, participantIds, attendance: participantIds.length + anonymous };
}
