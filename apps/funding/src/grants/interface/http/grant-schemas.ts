import { type Static, type TSchema, Type } from '@sinclair/typebox';
import { grantAwarded, Id, schemaProblems } from '@sanshe/contracts';
import { GRANT_STATUSES } from '../../domain/grant';
import { GrantInputInvalid } from '../../domain/grant-errors';

const Status = Type.Union(GRANT_STATUSES.map((status) => Type.Literal(status)));

/** POST /applications/{id}/award: the amount (default: the request) and the grant's title (default: the proposal's). */
export const AwardBody = Type.Object(
  {
    amount: Type.Optional(
      Type.Object(
        {
          amountFen: Type.Integer({ minimum: 1, maximum: Number.MAX_SAFE_INTEGER }),
          currency: Type.String({ pattern: '^[A-Z]{3}$' }),
        },
        { additionalProperties: false },
      ),
    ),
    title: Type.Optional(grantAwarded.data.properties.title),
  },
  { additionalProperties: false },
);
export type AwardBody = Static<typeof AwardBody>;

export const GrantQuery = Type.Object(
  {
    programId: Type.Optional(Id),
    organizationId: Type.Optional(Id),
    funderId: Type.Optional(Type.String({ minLength: 1, maxLength: 140 })),
    status: Type.Optional(Status),
  },
  { additionalProperties: false },
);
export const GrantIdParam = Type.Object({ grantId: Id });
export const ApplicationIdParam = Type.Object({ applicationId: Id });

const Tranche = Type.Object({
  trancheNo: Type.Integer(),
  amountFen: Type.Integer(),
  milestone: Type.String(),
  dueDate: Type.String({ format: 'date' }),
});

export const GrantView = Type.Object({
  grantId: Type.String(),
  applicationId: Type.Union([Type.String(), Type.Null()]),
  proposalId: Type.Union([Type.String(), Type.Null()]),
  programId: Type.String(),
  organizationId: Type.String(),
  communityCode: Type.String(),
  funderId: Type.String(),
  amountFen: Type.Integer(),
  currency: Type.String(),
  title: Type.String(),
  status: Status,
  decisionId: Type.String(),
  tranchePlan: Type.Array(Type.Object({ trancheNo: Type.Integer(), percent: Type.Integer() })),
  tranches: Type.Union([Type.Array(Tranche), Type.Null()], { description: 'Once active; sums exactly to amountFen' }),
  activatedAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
  voidedReasonCode: Type.Union([Type.String(), Type.Null()]),
  awardedBy: Type.String(),
  createdAt: Type.String({ format: 'date-time' }),
  updatedAt: Type.String({ format: 'date-time' }),
  balances: Type.Optional(
    Type.Record(Type.String(), Type.Integer(), {
      description: 'GET /grants/{id}: fen in reserved, payable, paid, clawback-receivable',
    }),
  ),
});

/** `value` as `schema` wants it, or GrantInputInvalid naming each field (under `prefix`, e.g. `/query`). */
export function checked<S extends TSchema>(schema: S, value: unknown, prefix = ''): Static<S> {
  const problems = schemaProblems(schema, value ?? {}, prefix);
  if (problems.length > 0) throw new GrantInputInvalid(problems);
  return (value ?? {}) as Static<S>; // no body at all: as empty as `{}`, which it was checked as
}
