import { type Static, Type } from '@sinclair/typebox';
import { defineEvent } from '../events/event-definition';
import { CalendarDate, Id, Instant, Revision, SkillCode, SocialWorkerLevel, StaffRole } from './common';
import { defineCallIn, defineVoteCast } from './decision';

export const talentDecisionVoteCast = defineVoteCast(
  'talent',
  'A social worker (party `talent:<workerId>`), through the talent service,',
  {
    decisionId: 'decision/activity-proposal/prop-2026-0001',
    partyId: 'talent:sw-2019-0457',
    castBy: 'talent:sw-2019-0457',
    choice: 'approve',
    round: 2,
  },
);

export const talentFilingCallInRequested = defineCallIn(
  'talent',
  'A social worker (party `talent:<workerId>`, e.g. the district social workers), through the talent service,',
  {
    proposalId: 'prop-2026-0002',
    decisionId: 'decision/activity-proposal/prop-2026-0002',
    partyId: 'talent:district-social-workers',
    castBy: 'talent:district-social-workers',
    reason: { code: 'staffing-unclear', text: '方案未说明由哪位持证社工督导志愿者，请补充。' },
  },
);

/*
 * Workers (社工人才): enough for an organization's capacity profile and the community's view of who serves it.
 * Whole state + revision; consumers keep the newest. Issue 14 added skills, the internship's end, the
 * certificate in force and the career step (all optional: older events stay valid). No name, phone, ID number
 * or school on the wire: they stay in the talent service. Subject: the workerId.
 */
const WorkerData = Type.Object(
  {
    workerId: Id,
    /** The organization the worker works for, or null (between organizations, or independent). */
    organizationId: Type.Union([Id, Type.Null()]),
    kind: StaffRole,
    /** The social-worker qualification, for certified social workers. */
    level: Type.Optional(SocialWorkerLevel),
    status: Type.Union([Type.Literal('active'), Type.Literal('left')]),
    revision: Revision,
    /** Skills from SKILLS, each at most once. */
    skills: Type.Optional(Type.Array(SkillCode, { maxItems: 20, uniqueItems: true })),
    /** The last day of an intern's internship (interns leave when it ends unless retained). */
    internshipEndsOn: Type.Optional(CalendarDate),
    /** The expiry of the certificate in force, for certified social workers; null or absent when none is. */
    certifiedUntil: Type.Optional(Type.Union([CalendarDate, Type.Null()])),
    /** Whether the worker came through an internship and was kept on as staff (the career path's intern step). */
    retainedFromIntern: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: true },
);
const worker: Omit<Static<typeof WorkerData>, 'revision'> = {
  workerId: 'sw-2019-0457',
  organizationId: 'org-xinhua-elderly-care',
  kind: 'certified-social-worker',
  level: 'social-worker',
  status: 'active',
  skills: ['elderly-care', 'case-work'],
  certifiedUntil: '2028-06-30',
  retainedFromIntern: false,
};

export const workerRegistered = defineEvent('sanshe.talent.worker.registered.v1', {
  description:
    'The talent service registered a worker (certified social worker, intern, volunteer, community staff) and ' +
    'the organization they work for, with their skills, the internship end (interns), the certificate in force ' +
    '(certified social workers) and whether they were an intern kept on as staff. Subject: the workerId.',
  data: WorkerData,
  example: { ...worker, revision: 1 },
});

export const workerUpdated = defineEvent('sanshe.talent.worker.updated.v1', {
  description:
    "A worker's record changed (organization, kind, level, skills, certificate, left): the whole state with its " +
    'revision; a consumer ignores a revision older than the one it keeps. Subject: the workerId.',
  data: WorkerData,
  example: { ...worker, level: 'senior-social-worker', revision: 2 },
});

/*
 * Assignments (排班): a worker assigned to an activity for a stretch of time, from its staffing plan; the
 * talent service refuses double booking, an expired certificate and a plan that breaks the staffing rules.
 * Subject: the activityId (an activity's assignments stay in order).
 */
const Assignment = {
  assignmentId: Id,
  activityId: Id,
  workerId: Id,
  organizationId: Id,
  /** The staffing plan's role the worker fills. */
  role: StaffRole,
  startsAt: Instant,
  endsAt: Instant,
};
const assignment = {
  assignmentId: 'asg-2026-0102',
  activityId: 'act-2026-0009',
  workerId: 'sw-2019-0457',
  organizationId: 'org-xinhua-elderly-care',
  role: 'certified-social-worker' as const,
  startsAt: '2026-12-01T03:00:00.000Z',
  endsAt: '2026-12-01T05:00:00.000Z',
};

export const assignmentMade = defineEvent('sanshe.talent.assignment.made.v1', {
  description:
    'A worker was assigned to an activity in a role of its staffing plan, from startsAt to endsAt. Subject: ' +
    'the activityId.',
  data: Type.Object(Assignment, { additionalProperties: true }),
  example: assignment,
  subjectField: 'activityId',
});

export const assignmentReleased = defineEvent('sanshe.talent.assignment.released.v1', {
  description:
    'An assignment ended before it was served: the organization released the worker, the activity was ' +
    'cancelled, or the worker left; reason says which for people. Subject: the activityId.',
  data: Type.Object(
    { ...Assignment, reason: Type.String({ minLength: 1, maxLength: 200 }) },
    { additionalProperties: true },
  ),
  example: { ...assignment, reason: '活动取消，排班释放。' },
  subjectField: 'activityId',
});
