import { type Static, type TLiteral, type TSchema, Type } from '@sinclair/typebox';
import {
  CalendarDate,
  Id,
  ORGANIZATION_GRADES,
  ORGANIZATION_STATUSES,
  ORGANIZATION_TYPE_CODES,
  organizationRegistered,
  schemaProblems,
  StrictCommunityCode,
} from '@sanshe/contracts';
import { RegistryInputInvalid } from '../../domain/registry-errors';

// The contract's own field schemas, so a request is judged exactly like the event it becomes.
const fields = organizationRegistered.data.properties;
/** One of `values`, as a union of literals (the contracts' idiom; it is not exported from them). */
const literalUnion = <const V extends readonly string[]>(values: V) =>
  Type.Union(values.map((value) => Type.Literal(value)) as TLiteral<V[number]>[]);
const Grade = literalUnion(ORGANIZATION_GRADES);

/** PUT /organizations/{id}. Unknown fields are refused: a typo must not pass silently. */
export const ProfileBody = Type.Object(
  {
    name: fields.name,
    type: fields.type,
    // Any 18 characters pass here: credit-code.ts names the failed check (length, charset, …) itself.
    creditCode: Type.Optional(Type.String({ maxLength: 64 })),
    legalRepresentative: Type.Object(
      {
        name: Type.String({ minLength: 1, maxLength: 50 }),
        title: Type.Optional(Type.String({ minLength: 1, maxLength: 50 })),
      },
      { additionalProperties: false },
    ),
    registrationDistrictCode: fields.registrationDistrictCode,
    communitiesServed: Type.Array(StrictCommunityCode, { minItems: 1, maxItems: 200, uniqueItems: true }),
    mentorOrganizationId: Type.Optional(Id),
    incubatedSince: Type.Optional(CalendarDate),
  },
  { additionalProperties: false },
);

/** POST /organizations/{id}/status. */
export const StatusBody = Type.Object(
  { to: literalUnion(ORGANIZATION_STATUSES), reason: Type.String({ minLength: 1, maxLength: 500 }) },
  { additionalProperties: false },
);
export type StatusBody = Static<typeof StatusBody>;

/** PUT /organizations/{id}/grade: null withdraws the grade. */
export const GradeBody = Type.Object(
  {
    grade: Type.Union([Grade, Type.Null()]),
    assessedOn: CalendarDate,
    validUntil: Type.Optional(CalendarDate),
    assessmentRef: Type.String({ minLength: 1, maxLength: 100 }),
  },
  { additionalProperties: false },
);
export type GradeBody = Static<typeof GradeBody>;

export const OrganizationQuery = Type.Object({
  type: Type.Optional(literalUnion(ORGANIZATION_TYPE_CODES)),
  communityCode: Type.Optional(StrictCommunityCode),
  status: Type.Optional(literalUnion(ORGANIZATION_STATUSES)),
  minGrade: Type.Optional(Grade),
});
export type OrganizationQuery = Static<typeof OrganizationQuery>;

export const OrganizationIdParam = Type.Object({ organizationId: Id });

/** `value` as `schema` wants it, or RegistryInputInvalid naming each field (under `prefix`, e.g. `/query`). */
export function checked<S extends TSchema>(schema: S, value: unknown, prefix = '/body'): Static<S> {
  const problems = schemaProblems(schema, value ?? {}, prefix);
  if (problems.length > 0) throw new RegistryInputInvalid(problems);
  return value as Static<S>;
}

/** An organization as the API shows it; legalRepresentative only to those who may read it. */
export const OrganizationView = Type.Object({
  organizationId: Type.String(),
  name: Type.String(),
  type: Type.String(),
  creditCode: Type.Union([Type.String(), Type.Null()]),
  legalRepresentative: Type.Optional(Type.Object({ name: Type.String(), title: Type.Optional(Type.String()) })),
  registrationDistrictCode: Type.String(),
  status: literalUnion(ORGANIZATION_STATUSES),
  communitiesServed: Type.Array(Type.String()),
  grade: Type.Union([
    Type.Object({ grade: Grade, assessedOn: Type.String(), validUntil: Type.String(), assessmentRef: Type.String() }),
    Type.Null(),
  ]),
  gradeInForce: Type.Union([Grade, Type.Null()], { description: 'The grade today; null once expired' }),
  mentorOrganizationId: Type.Union([Type.String(), Type.Null()]),
  incubatedSince: Type.Union([Type.String(), Type.Null()]),
  revision: Type.Integer(),
  updatedAt: Type.String({ format: 'date-time' }),
});

export const NOT_FOUND = Type.Object({ statusCode: Type.Literal(404), message: Type.String() });
export const INVALID_TRANSITION = Type.Object({
  statusCode: Type.Literal(409),
  code: Type.Literal('invalid-transition'),
  message: Type.String(),
  status: Type.String(),
  attempted: Type.String(),
  allowed: Type.Array(Type.String()),
});
