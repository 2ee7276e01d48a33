import { type Static, type TSchema, Type } from '@sinclair/typebox';
import { Id, schemaProblems } from '@sanshe/contracts';
import { APPLICATION_STATUSES } from '../../domain/application';
import { ApplicationInputInvalid } from '../../domain/application-errors';

const Status = Type.Union(APPLICATION_STATUSES.map((status) => Type.Literal(status)));

export const ApplicationQuery = Type.Object(
  { programId: Type.Optional(Id), organizationId: Type.Optional(Id), status: Type.Optional(Status) },
  { additionalProperties: false },
);
export const ApplicationIdParam = Type.Object({ applicationId: Id });

/** POST /applications/{id}/decline: why, for the organization. */
export const DeclineBody = Type.Object(
  { reason: Type.String({ minLength: 1, maxLength: 500 }) },
  { additionalProperties: false },
);

const Money = Type.Object({ amountFen: Type.Integer(), currency: Type.String() });

export const ApplicationView = Type.Object({
  applicationId: Type.String(),
  proposalId: Type.String(),
  programId: Type.String(),
  funderId: Type.Union([Type.String(), Type.Null()]),
  organizationId: Type.String(),
  communityCode: Type.String(),
  category: Type.Union([Type.String(), Type.Null()]),
  title: Type.String(),
  requested: Money,
  status: Status,
  eligible: Type.Boolean(),
  ineligibleReasons: Type.Array(Type.Object({ code: Type.String(), text: Type.String() })),
  declineReason: Type.Union([Type.String(), Type.Null()]),
  decidedBy: Type.Union([Type.String(), Type.Null()]),
  createdAt: Type.String({ format: 'date-time' }),
  updatedAt: Type.String({ format: 'date-time' }),
});

/** `value` as `schema` wants it, or ApplicationInputInvalid naming each field (under `prefix`, e.g. `/query`). */
export function checked<S extends TSchema>(schema: S, value: unknown, prefix = ''): Static<S> {
  const problems = schemaProblems(schema, value ?? {}, prefix);
  if (problems.length > 0) throw new ApplicationInputInvalid(problems);
  return value as Static<S>;
}
