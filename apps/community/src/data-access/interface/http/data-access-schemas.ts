import { type Static, type TLiteral, type TSchema, Type } from '@sinclair/typebox';
import {
  CONSENT_PURPOSES,
  Id,
  Instant,
  PERSONAL_FIELDS,
  ResidentPseudonym,
  schemaProblems,
  StrictCommunityCode,
} from '@sanshe/contracts';
import { DataAccessInputInvalid } from '../../domain/data-access-errors';

/** One of a fixed list of strings (the contract's constants stay the single source). */
const literalUnion = <const Values extends readonly string[]>(values: Values) =>
  Type.Union(values.map((value) => Type.Literal(value)) as TLiteral<Values[number]>[]);

const PersonalFieldSchema = literalUnion(PERSONAL_FIELDS);
const ConsentPurposeSchema = literalUnion(CONSENT_PURPOSES);

/** POST /data-access-requests. Unknown fields are refused: a typo must not pass silently. */
export const RequestDataAccessBody = Type.Object(
  {
    proposalId: Id,
    activityId: Type.Optional(Id),
    consentPurpose: ConsentPurposeSchema,
    purpose: Type.String({
      minLength: 1,
      maxLength: 2000,
      description: 'What the data is for, for the parties who decide',
    }),
    fields: Type.Array(PersonalFieldSchema, { minItems: 1, uniqueItems: true }),
    residentIds: Type.Array(ResidentPseudonym, {
      minItems: 1,
      // 1 000 of the longest ids (70 bytes each in JSON) fit the 100 kB body beside the rest; 5 000 did not (413).
      maxItems: 1000,
      uniqueItems: true,
      description: 'Pseudonymous ids of the participants, each registered in the activity’s community',
    }),
    durationDays: Type.Integer({ minimum: 1, maximum: 365 }),
  },
  { additionalProperties: false },
);
export type RequestDataAccessBody = Static<typeof RequestDataAccessBody>;

export const RequestIdParam = Type.Object({ requestId: Id });
export const GrantReadParams = Type.Object({ grantId: Id, residentId: ResidentPseudonym });

export const AccessLogQuerySchema = Type.Object(
  {
    residentId: Type.Optional(ResidentPseudonym),
    grantId: Type.Optional(Id),
    communityCode: Type.Optional(StrictCommunityCode),
    from: Type.Optional(Instant),
    to: Type.Optional(Instant),
  },
  { additionalProperties: false },
);
export type AccessLogQuerySchema = Static<typeof AccessLogQuerySchema>;

/** `value` as `schema` wants it, or DataAccessInputInvalid naming each field (under `prefix`, e.g. `/query`). */
export function checked<S extends TSchema>(schema: S, value: unknown, prefix = ''): Static<S> {
  const problems = schemaProblems(schema, value ?? {}, prefix);
  if (problems.length > 0) throw new DataAccessInputInvalid(problems);
  return value as Static<S>;
}

const Nullable = <S extends TSchema>(schema: S) => Type.Union([schema, Type.Null()]);

/** GET /data-access-requests/{id}: the request (resident ids counted, not listed), its decision and grant. */
export const RequestView = Type.Object({
  requestId: Type.String(),
  communityCode: Type.String(),
  organizationId: Type.String(),
  proposalId: Type.String(),
  activityId: Nullable(Type.String()),
  consentPurpose: ConsentPurposeSchema,
  purpose: Type.String(),
  fields: Type.Array(PersonalFieldSchema),
  residentCount: Type.Integer(),
  durationDays: Type.Integer(),
  status: literalUnion(['requested', 'granted', 'refused'] as const),
  expiresAt: Instant,
  requestedBy: Type.String(),
  requestedAt: Instant,
  decision: Nullable(Type.Object({ decisionId: Type.String(), result: Type.String(), decidedAt: Instant })),
  grant: Nullable(
    Type.Object({
      grantId: Type.String(),
      fields: Type.Array(PersonalFieldSchema),
      residentsCovered: Type.Integer({ description: 'Requested residents who consented when the grant was made' }),
      expiresAt: Instant,
    }),
  ),
});

export const GrantedReadView = Type.Object({
  residentId: Type.String(),
  fields: Type.Record(Type.String(), Type.String(), { description: 'Only the granted fields' }),
});

export const AccessLogView = Type.Array(
  Type.Object({
    logId: Type.String(),
    at: Instant,
    actorSub: Type.String(),
    actorParties: Type.Array(Type.String()),
    grantId: Type.String(),
    residentId: Type.String(),
    communityCode: Type.String(),
    fields: Type.Array(PersonalFieldSchema),
    result: literalUnion(['granted', 'refused'] as const),
    reason: Nullable(Type.String()),
  }),
);

export const CODED = Type.Object({ statusCode: Type.Integer(), code: Type.String(), message: Type.String() });
