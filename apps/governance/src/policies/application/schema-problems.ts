import type { TSchema } from '@sinclair/typebox';
import Ajv, { type ErrorObject, type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import type { FieldProblem } from '@sanshe/contracts';

// The same validator set-up as libs/contracts uses for events, so a policy is judged by the same rules
// whether it arrives over HTTP or, later, as a portal command.
const ajv = new Ajv({ allErrors: true, strict: true });
addFormats(ajv);
const compiled = new WeakMap<TSchema, ValidateFunction>();

const toProblem = (e: ErrorObject, prefix: string): FieldProblem => {
  switch (e.keyword) {
    case 'required':
      return { path: `${prefix}${e.instancePath}/${String(e.params.missingProperty)}`, message: 'is required' };
    case 'additionalProperties':
      return {
        path: `${prefix}${e.instancePath}/${String(e.params.additionalProperty)}`,
        message: 'is not allowed here',
      };
    default:
      return { path: `${prefix}${e.instancePath}`, message: e.message ?? e.keyword };
  }
};

/**
 * The ways `value` breaks `schema`, each naming its field as a JSON pointer (`/parties/0/weight`),
 * or [] if it conforms. `prefix` places the pointer, e.g. `query` for request parameters.
 */
export function schemaProblems(schema: TSchema, value: unknown, prefix = ''): FieldProblem[] {
  let validate = compiled.get(schema);
  if (!validate) {
    validate = ajv.compile(schema);
    compiled.set(schema, validate);
  }
  if (validate(value)) return [];
  // "must match a schema in anyOf" only repeats the alternatives' own messages for the same field.
  const errors = (validate.errors ?? []).filter((e) => e.keyword !== 'anyOf');
  return errors.map((e) => toProblem(e, prefix));
}
