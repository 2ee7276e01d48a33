import { type Static, type TSchema, Type } from '@sinclair/typebox';
import { Id, ResidentPseudonym, schemaProblems } from '@sanshe/contracts';
import { CONSENT_PURPOSES } from '@sanshe/contracts/pure';
import { ConsentInputInvalid } from '../../domain/consent-errors';

const ConsentPurpose = Type.Union(
  CONSENT_PURPOSES.map((purpose) => Type.Literal(purpose)),
  { description: 'What the resident consents to (one purpose at a time)' },
);
const ConsentDecision = Type.Union([Type.Literal('granted'), Type.Literal('withdrawn')]);

/** POST /residents/{residentId}/consents. Unknown fields are refused: a typo must not pass silently. */
export const RecordConsentBody = Type.Object(
  {
    purpose: ConsentPurpose,
    decision: ConsentDecision,
    organizationId: Type.Optional({ ...Id, description: 'Required for organization-contact, absent otherwise' }),
    activityId: Type.Optional({ ...Id, description: 'The activity the contact is for (organization-contact only)' }),
  },
  { additionalProperties: false },
);
export type RecordConsentBody = Static<typeof RecordConsentBody>;

export const ResidentIdParam = Type.Object({ residentId: ResidentPseudonym });

/** `value` as `schema` wants it, or ConsentInputInvalid naming each field (under `prefix`, e.g. `/params`). */
export function checked<S extends TSchema>(schema: S, value: unknown, prefix = ''): Static<S> {
  const problems = schemaProblems(schema, value ?? {}, prefix);
  if (problems.length > 0) throw new ConsentInputInvalid(problems);
  return value as Static<S>;
}

const Nullable = (schema: TSchema) => Type.Union([schema, Type.Null()]);

/** One record as the API shows it. */
export const ConsentRecordView = Type.Object({
  recordId: Type.String(),
  purpose: ConsentPurpose,
  organizationId: Nullable(Type.String()),
  activityId: Nullable(Type.String()),
  decision: ConsentDecision,
  recordedBy: Type.String(),
  recordedVia: Type.Union([Type.Literal('representative'), Type.Literal('portal')]),
  recordedAt: Type.String({ format: 'date-time' }),
});

export const ResidentConsentsView = Type.Object({
  residentId: Type.String(),
  communityCode: Type.String(),
  history: Type.Array(ConsentRecordView, { description: 'Every record, oldest first' }),
  current: Type.Array(ConsentRecordView, { description: 'The latest record per purpose (and organization)' }),
});

export const NOT_FOUND = Type.Object({
  statusCode: Type.Literal(404),
  code: Type.Literal('resident-not-found'),
  message: Type.String(),
});
