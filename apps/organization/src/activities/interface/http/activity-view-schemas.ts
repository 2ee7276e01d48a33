import { Type } from '@sinclair/typebox';
import { activityCompleted, activityScheduled } from '@sanshe/contracts';

// The OpenAPI face of activity-views.ts: the fields each read returns.
const scheduled = activityScheduled.data.properties;
const completed = activityCompleted.data.properties;
const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(schema: T) => Type.Union([schema, Type.Null()]);
const Status = Type.Union(['scheduled', 'running', 'paused', 'completed', 'cancelled'].map((s) => Type.Literal(s)));
const Count = Type.Integer({ minimum: 0 });

export const ActivityView = Type.Object({
  activityId: Type.String(),
  proposalId: Type.String(),
  organizationId: Type.String(),
  communityCode: Type.String(),
  needId: Nullable(Type.String()),
  grantId: Nullable(Type.String()),
  basis: scheduled.basis,
  decisionId: Nullable(Type.String()),
  venueId: Nullable(Type.String()),
  staffingPlan: Nullable(scheduled.staffingPlan),
  status: Status,
  pausedFrom: Nullable(Type.String()),
  pauses: Count,
  scheduledAt: Type.String({ format: 'date-time' }),
  startedAt: Nullable(Type.String({ format: 'date-time' })),
  completedAt: Nullable(Type.String({ format: 'date-time' })),
  cancelled: Nullable(Type.Object({ reason: Type.String(), note: Nullable(Type.String()), at: Type.String() })),
  sessionsPlanned: Count,
  sessionsHeld: Count,
  attendance: Type.Integer({ minimum: 0, description: 'Distinct residents over held sessions + anonymous counts' }),
  participantCount: Count,
  participantIds: Type.Optional(
    Type.Array(Type.String(), { description: "Only for the organization's admin and staff, and auditors" }),
  ),
});

export const SessionView = Type.Object({
  sessionId: Type.String(),
  seq: Type.Integer({ minimum: 1 }),
  startsAt: Type.String({ format: 'date-time' }),
  endsAt: Type.String({ format: 'date-time' }),
  status: Type.Union([Type.Literal('planned'), Type.Literal('held'), Type.Literal('cancelled')]),
  anonymousCount: Count,
  residentCount: Count,
  residentIds: Type.Optional(
    Type.Array(Type.String(), { description: "Only for the organization's admin and staff, and auditors" }),
  ),
});

const Member = Type.Object({
  memberId: Type.String(),
  memberKind: Type.Union([Type.Literal('resident'), Type.Literal('worker')]),
  role: Nullable(Type.String()),
  joinedAt: Type.String({ format: 'date-time' }),
  leftAt: Nullable(Type.String({ format: 'date-time' })),
});

export const GroupView = Type.Object({
  groupId: Type.String(),
  kind: Type.Union([Type.Literal('participants'), Type.Literal('staff'), Type.Literal('volunteers')]),
  counts: Type.Object({ members: Count, meetings: Count, trainings: Count, trainingMinutes: Count }),
  members: Type.Array(Member, { description: 'Resident members only for its admin and staff, and auditors' }),
  residentMembers: Count,
  meetings: Type.Array(
    Type.Object({
      meetingId: Type.String(),
      kind: Type.Union([Type.Literal('meeting'), Type.Literal('training')]),
      heldOn: Type.String({ format: 'date' }),
      topic: Type.String(),
      durationMinutes: Type.Integer(),
      attendeeCount: Count,
    }),
  ),
});

export const ReportView = Type.Object({
  activityId: Type.String(),
  summary: completed.report.properties.summary,
  outcomes: completed.report.properties.outcomes,
  milestone: Nullable(completed.milestone),
  evidence: completed.evidence,
  submittedBy: Type.String(),
  submittedAt: Type.String({ format: 'date-time' }),
});

export const InvalidTransitionBody = Type.Object({
  statusCode: Type.Literal(409),
  code: Type.Literal('invalid-transition'),
  message: Type.String(),
  status: Status,
  attempted: Type.String(),
  allowed: Type.Array(Type.String()),
});
