import { type Static, type TSchema, Type } from '@sinclair/typebox';
import { Id, programOpened, schemaProblems } from '@sanshe/contracts';
import { closedObjects } from '@sanshe/nest-platform';
import { ProgramInputInvalid } from '../../domain/program-errors';

// The contract's own field schemas, so a request is judged exactly like the event it becomes.
const fields = programOpened.data.properties;

/** PUT /programs/{id}: the whole program but its id, status and revision. Unknown fields are refused, at any depth. */
export const ProgramBody = closedObjects(
  Type.Object({
    funderId: fields.funderId,
    funderKind: fields.funderKind,
    coFunders: fields.coFunders,
    title: fields.title,
    mode: fields.mode,
    category: fields.category,
    budget: fields.budget,
    period: fields.period,
    districtCode: fields.districtCode,
    eligibility: fields.eligibility,
    tranchePlan: fields.tranchePlan,
    indicators: fields.indicators,
    noticeWorkingDays: Type.Optional(fields.noticeWorkingDays),
    votingMode: fields.votingMode,
    autoAward: fields.autoAward,
    policies: fields.policies,
  }),
);

/**
 * A program id: an Id of at most 97 characters, because governance stores the program's policies as
 * `program.<programId>.milestone-verification`, itself an Id (≤ 128).
 */
export const ProgramId = Type.String({ minLength: 1, maxLength: 97, pattern: Id.pattern });

export const ProgramIdParam = Type.Object({ programId: ProgramId });

export const ProgramQuery = Type.Object(
  {
    funderId: Type.Optional(fields.funderId),
    status: Type.Optional(fields.status),
    mode: Type.Optional(fields.mode),
    category: Type.Optional(fields.category),
  },
  { additionalProperties: false },
);
export type ProgramQuery = Static<typeof ProgramQuery>;

/** `value` as `schema` wants it, or ProgramInputInvalid naming each field (under `prefix`, e.g. `/query`). */
export function checked<S extends TSchema>(schema: S, value: unknown, prefix = '/body'): Static<S> {
  const problems = schemaProblems(schema, value ?? {}, prefix);
  if (problems.length > 0) throw new ProgramInputInvalid(problems);
  return (value ?? {}) as Static<S>; // no body at all: as empty as `{}`, which it was checked as
}

/** A program as the API shows it: the event's data, plus when it last changed; public views lack the rest. */
export const ProgramView = Type.Object({
  ...fields,
  votingMode: Type.Optional(fields.votingMode),
  autoAward: Type.Optional(fields.autoAward),
  updatedAt: Type.String({ format: 'date-time' }),
});
