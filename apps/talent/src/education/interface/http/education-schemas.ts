import { type Static, type TSchema, Type } from '@sinclair/typebox';
import { CalendarDate, Id, schemaProblems, trainingCompleted } from '@sanshe/contracts';
import { EducationInputInvalid } from '../../domain/education-errors';

// The contract's own field schemas, so a request is judged exactly like the event it becomes.
const fields = trainingCompleted.data.properties;
// At least a tenth: a multiple of 0.1 is judged to 9 places, so 5e-324 would pass `> 0` and be stored as 0.0 (the
// table's check refused it: a 500).
const Hours = Type.Number({ minimum: 0.1, maximum: 200, multipleOf: 0.1, description: 'Hours, to the tenth' });

/** POST /training-programs. */
export const ProgramBody = Type.Object(
  {
    programId: fields.programId,
    title: Type.String({ minLength: 1, maxLength: 200 }),
    hours: Hours,
    provider: Type.String({ minLength: 1, maxLength: 200 }),
  },
  { additionalProperties: false },
);

/** POST /workers/{id}/training-completions. */
export const CompletionBody = Type.Object(
  { programId: fields.programId, completedOn: fields.completedOn, hours: Type.Optional(Hours) },
  { additionalProperties: false },
);

export const WorkerIdParam = Type.Object({ workerId: Id });
export const YearQuery = Type.Object({ year: Type.Optional(Type.String({ pattern: '^(19|20|21)[0-9]{2}$' })) });

export const EducationView = Type.Object({
  workerId: Type.String(),
  year: Type.Integer(),
  level: Type.Union([Type.String(), Type.Null()], { description: 'null: not a certified social worker' }),
  requiredHours: Type.Number(),
  completedHours: Type.Number(),
  shortfallHours: Type.Number(),
  completions: Type.Array(Type.Object({ programId: Type.String(), completedOn: CalendarDate, hours: Type.Number() })),
});

/** `value` as `schema` wants it, or EducationInputInvalid naming each field (under `prefix`). */
export function checked<S extends TSchema>(schema: S, value: unknown, prefix = '/body'): Static<S> {
  const problems = schemaProblems(schema, value ?? {}, prefix);
  if (problems.length > 0) throw new EducationInputInvalid(problems);
  return value as Static<S>;
}
