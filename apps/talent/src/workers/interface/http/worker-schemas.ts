import { type Static, type TSchema, Type } from '@sinclair/typebox';
import { CalendarDate, Id, schemaProblems, SkillCode, SocialWorkerLevel, workerRegistered } from '@sanshe/contracts';
import { WorkerInputInvalid } from '../../domain/worker-errors';

// The contract's own field schemas, so a request is judged exactly like the event it becomes.
const fields = workerRegistered.data.properties;
const Time = (description: string) => Type.String({ pattern: '^([01][0-9]|2[0-3]):[0-5][0-9]$|^24:00$', description });

/** A weekly slot: weekday 1 (Monday) – 7 (Sunday), from before to. */
export const SlotBody = Type.Object(
  { weekday: Type.Integer({ minimum: 1, maximum: 7 }), from: Time('HH:MM'), to: Time('HH:MM, after from') },
  { additionalProperties: false },
);

/** A certificate (社会工作者职业水平证书) at a level, valid from issuedOn to expiresOn (after issuedOn). */
export const CertificateBody = Type.Object(
  {
    level: SocialWorkerLevel,
    number: Type.String({ minLength: 1, maxLength: 50 }),
    issuedOn: CalendarDate,
    expiresOn: CalendarDate,
  },
  { additionalProperties: false },
);

/** PUT /workers/{id}. Unknown fields are refused: a typo must not pass silently. */
export const WorkerBody = Type.Object(
  {
    organizationId: fields.organizationId,
    kind: fields.kind,
    level: Type.Optional(SocialWorkerLevel),
    name: Type.String({ minLength: 1, maxLength: 50, description: 'Personal: never on the wire' }),
    phone: Type.Optional(Type.String({ pattern: '^\\+?[0-9][0-9-]{4,19}$', description: 'Personal' })),
    school: Type.Optional(Type.String({ minLength: 1, maxLength: 100, description: 'Personal; interns only' })),
    internshipEndsOn: Type.Optional(CalendarDate),
    skills: Type.Optional(Type.Array(SkillCode, { maxItems: 20, uniqueItems: true })),
    availability: Type.Optional(Type.Array(SlotBody, { maxItems: 21 })),
    status: Type.Optional(fields.status),
    leftOn: Type.Optional(CalendarDate),
    careerNote: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
    certificate: Type.Optional(CertificateBody),
  },
  { additionalProperties: false },
);

export const WorkerIdParam = Type.Object({ workerId: Id });
export const WorkerQuery = Type.Object({ organizationId: Id });

/** `value` as `schema` wants it, or WorkerInputInvalid naming each field (under `prefix`, e.g. `/query`). */
export function checked<S extends TSchema>(schema: S, value: unknown, prefix = '/body'): Static<S> {
  const problems = schemaProblems(schema, value ?? {}, prefix);
  if (problems.length > 0) throw new WorkerInputInvalid(problems);
  return value as Static<S>;
}

const DateOrNull = Type.Union([Type.String(), Type.Null()]);

/** A worker as the API shows it; name, phone and school only to those who may read them. */
export const WorkerView = Type.Object({
  workerId: Type.String(),
  organizationId: Type.Union([Type.String(), Type.Null()]),
  kind: Type.String(),
  level: Type.Union([Type.String(), Type.Null()]),
  status: Type.String(),
  leftOn: DateOrNull,
  internshipEndsOn: DateOrNull,
  skills: Type.Array(Type.String()),
  availability: Type.Array(SlotBody),
  retainedFromIntern: Type.Boolean(),
  revision: Type.Integer(),
  name: Type.Optional(Type.String()),
  phone: Type.Optional(DateOrNull),
  school: Type.Optional(DateOrNull),
  updatedAt: Type.String({ format: 'date-time' }),
});

export const CertificateView = Type.Object({
  certificateId: Type.String(),
  workerId: Type.String(),
  level: Type.String(),
  number: Type.Optional(Type.String({ description: 'Only to those who read personal fields' })),
  issuedOn: Type.String(),
  expiresOn: Type.String(),
});

export const CareerView = Type.Object({
  seq: Type.Integer(),
  fromKind: Type.String(),
  toKind: Type.String(),
  note: Type.Union([Type.String(), Type.Null()]),
  at: Type.String({ format: 'date-time' }),
});
