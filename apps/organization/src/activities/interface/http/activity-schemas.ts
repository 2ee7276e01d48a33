import { type Static, type TSchema, Type } from '@sinclair/typebox';
import {
  activityCancelled,
  activityCompleted,
  CalendarDate,
  Id,
  Instant,
  literalUnion,
  ResidentPseudonym,
  schemaProblems,
} from '@sanshe/contracts';
import { closedObjects } from '@sanshe/nest-platform';
import { ActivityInputInvalid } from '../../domain/activity-errors';
import { SHA256 } from '../../domain/evidence';
import { GROUP_KINDS } from '../../domain/groups';

// The contract's own field schemas, so a request is judged exactly like the event it becomes.
const completed = activityCompleted.data.properties;
const cancelled = activityCancelled.data.properties;

export const ActivityIdParam = Type.Object({ activityId: Id });
export const OrganizationIdParam = Type.Object({ organizationId: Id });
export const SessionParams = Type.Object({ activityId: Id, sessionId: Id });
export const GroupParams = Type.Object({ activityId: Id, kind: literalUnion(GROUP_KINDS) });
export const MemberParams = Type.Object({ activityId: Id, kind: literalUnion(GROUP_KINDS), memberId: Id });

export const ActivityQuery = Type.Object({
  status: Type.Optional(literalUnion(['scheduled', 'running', 'paused', 'completed', 'cancelled'] as const)),
});

/** POST /activities/{id}/sessions: a session the schedule did not plan. */
export const AddSessionBody = Type.Object({ startsAt: Instant, endsAt: Instant }, { additionalProperties: false });

/** PUT …/sessions/{sessionId}/attendance: who came (pseudonyms, each once) and how many more without one. */
export const AttendanceBody = Type.Object(
  {
    residentIds: Type.Array(ResidentPseudonym, { maxItems: 5000 }),
    anonymousCount: Type.Integer({ minimum: 0, maximum: 100_000 }),
  },
  { additionalProperties: false },
);
export type AttendanceBody = Static<typeof AttendanceBody>;

export const MemberBody = Type.Object(
  { memberKind: literalUnion(['resident', 'worker'] as const), role: Type.Optional(Type.String({ maxLength: 50 })) },
  { additionalProperties: false },
);

export const MeetingBody = Type.Object(
  {
    kind: literalUnion(['meeting', 'training'] as const),
    heldOn: CalendarDate,
    topic: Type.String({ minLength: 1, maxLength: 200 }),
    durationMinutes: Type.Integer({ minimum: 1, maximum: 1440 }),
    attendeeCount: Type.Integer({ minimum: 0 }),
  },
  { additionalProperties: false },
);

/** Evidence hashes: lowercase hex; once per report, which the domain checks (naming `/evidence/<i>/sha256`). */
const EvidenceBody = Type.Object(
  {
    sha256: Type.String({ pattern: SHA256.source }),
    title: Type.String({ minLength: 1, maxLength: 200 }),
    kind: completed.evidence.items.properties.kind,
  },
  { additionalProperties: false },
);

export const CompleteBody = closedObjects(
  Type.Object({
    summary: completed.report.properties.summary,
    outcomes: completed.report.properties.outcomes,
    evidence: Type.Array(EvidenceBody, { maxItems: 200 }),
    milestone: Type.Optional(completed.milestone),
  }),
);
export type CompleteBody = Static<typeof CompleteBody>;

/** POST /activities/{id}/cancel: the organization's own cancellation (the others come from its proposal). */
export const CancelBody = Type.Object(
  { reason: Type.Literal('organization'), note: Type.Optional(cancelled.note) },
  { additionalProperties: false },
);

/** `value` as `schema` wants it, or ActivityInputInvalid naming each field (under `prefix`, e.g. `/query`). */
export function checked<S extends TSchema>(schema: S, value: unknown, prefix = ''): Static<S> {
  const problems = schemaProblems(schema, value ?? {}, prefix);
  if (problems.length > 0) throw new ActivityInputInvalid(problems);
  return value as Static<S>;
}
