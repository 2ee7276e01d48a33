import {
  type FieldProblem,
  type NewEvent,
  SOCIAL_WORKER_LEVEL_CODES,
  type SocialWorkerLevel,
  type StaffRole,
} from '@sanshe/contracts';
import type { StaffingLine } from '../../staffing/domain/staffing-rules';
import type { WorkerEntry } from '../../workers/domain/worker-directory';
import type { AssignmentConflictCode } from './assignment-errors';

/*
 * Assigning workers to an activity (pure rules): the worker must work for the activity's organization,
 * be of the role's kind (at the line's minimum level for a certified line), and hold a certificate in
 * force until the assignment ends. Double booking is the database's to refuse: only it sees
 * concurrent requests (the exclusion constraint of migration 1798000000050).
 */

export interface TalentActivity {
  activityId: string;
  proposalId: string;
  organizationId: string;
  communityCode: string;
  staffingPlan: StaffingLine[];
  sessions: { sessionId: string; startsAt: string; endsAt: string }[];
  status: 'scheduled' | 'cancelled';
}

export interface AssignInput {
  workerId: string;
  role: StaffRole;
  startsAt: string;
  endsAt: string;
}

export interface Assignment extends AssignInput {
  assignmentId: string;
  activityId: string;
  organizationId: string;
  status: 'active' | 'released';
}

/** Beyond the schema: the assignment ends after it starts. */
export function assignInputProblems(input: AssignInput): FieldProblem[] {
  return Date.parse(input.endsAt) > Date.parse(input.startsAt)
    ? []
    : [{ path: '/body/endsAt', message: 'must be after startsAt' }];
}

const rank = (level: SocialWorkerLevel | null) => (level ? SOCIAL_WORKER_LEVEL_CODES.indexOf(level) : -1);

export type AssignRefusal =
  { code: 'worker-not-found'; message: string } | { code: AssignmentConflictCode; message: string };

/** Why the worker may not take the role on this activity (null when it may). */
export function assignRefusal(
  activity: TalentActivity,
  worker: WorkerEntry | null,
  input: AssignInput,
): AssignRefusal | null {
  if (!worker) return { code: 'worker-not-found', message: `no worker ${input.workerId}` };
  if (activity.status === 'cancelled') {
    return { code: 'activity-cancelled', message: `activity ${activity.activityId} was cancelled` };
  }
  if (worker.organizationId !== activity.organizationId || worker.status !== 'active') {
    return {
      code: 'not-of-organization',
      message: `${worker.workerId} is not an active worker of ${activity.organizationId}`,
    };
  }
  return roleRefusal(activity, worker, input) ?? certificateRefusal(worker, input);
}

function roleRefusal(activity: TalentActivity, worker: WorkerEntry, input: AssignInput): AssignRefusal | null {
  if (worker.kind !== input.role) {
    return { code: 'role-mismatch', message: `${worker.workerId} is a ${worker.kind}, not a ${input.role}` };
  }
  const lines = activity.staffingPlan.filter((line) => line.role === input.role);
  if (activity.staffingPlan.length > 0 && lines.length === 0) {
    return { code: 'role-mismatch', message: `the staffing plan of ${activity.activityId} has no ${input.role}` };
  }
  const lowest = Math.min(...lines.map((line) => rank(line.minLevel ?? null)));
  if (lines.length > 0 && rank(worker.level) < lowest) {
    const needed = SOCIAL_WORKER_LEVEL_CODES[lowest];
    return {
      code: 'role-mismatch',
      message: `the ${input.role} line needs at least ${needed}; ${worker.workerId} is ${worker.level ?? 'of no level'}`,
    };
  }
  return null;
}

const LOCAL_DATE = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' });

/** The last day served, where the service works (Asia/Shanghai): the day of the range's last instant. */
export const lastDayServed = (endsAt: string): string => LOCAL_DATE.format(new Date(Date.parse(endsAt) - 1));

/** A certified role needs a certificate in force through the last day the assignment serves. */
function certificateRefusal(worker: WorkerEntry, input: AssignInput): AssignRefusal | null {
  if (input.role !== 'certified-social-worker') return null;
  const lastDay = lastDayServed(input.endsAt);
  if (worker.certifiedUntil !== null && worker.certifiedUntil >= lastDay) return null;
  return {
    code: 'certificate-expired',
    message:
      `${worker.workerId}'s certificate ${worker.certifiedUntil ? `expires on ${worker.certifiedUntil}` : 'is not in force'}` +
      `, before the assignment ends (${lastDay})`,
  };
}

/** What is assigned, as staffing lines the rules judge: active assignments, one count per worker and role. */
export function assignedLines(assignments: readonly Assignment[]): StaffingLine[] {
  const workersByRole = new Map<StaffRole, Set<string>>();
  for (const { role, workerId, status } of assignments) {
    if (status !== 'active') continue;
    workersByRole.set(role, (workersByRole.get(role) ?? new Set()).add(workerId));
  }
  return [...workersByRole].map(([role, workers]) => ({ role, count: workers.size }));
}

type AssignmentEvent<T extends 'made' | 'released'> = Omit<NewEvent<`sanshe.talent.assignment.${T}.v1`>, 'source'>;

const eventData = ({ assignmentId, activityId, workerId, organizationId, role, startsAt, endsAt }: Assignment) => ({
  ...{ assignmentId, activityId, workerId, organizationId, role, startsAt, endsAt },
});

export const madeEvent = (assignment: Assignment): AssignmentEvent<'made'> => ({
  type: 'sanshe.talent.assignment.made.v1',
  id: `sanshe.talent.assignment.made.v1:${assignment.assignmentId}`,
  subject: assignment.activityId,
  data: eventData(assignment),
});

export const releasedEvent = (assignment: Assignment, reason: string): AssignmentEvent<'released'> => ({
  type: 'sanshe.talent.assignment.released.v1',
  id: `sanshe.talent.assignment.released.v1:${assignment.assignmentId}`,
  subject: assignment.activityId,
  data: { ...eventData(assignment), reason },
});
