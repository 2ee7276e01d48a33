import type { TSchema } from '@sinclair/typebox';
import Ajv, { type ErrorObject, type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import { errorMessage } from '@sanshe/common';
import { type EventDefinition, EVENT_TYPE_PATTERN } from './event-definition';

export interface FieldProblem {
  /** JSON pointer into the event, e.g. `/data/requestedFunding/amountFen`. */
  path: string;
  message: string;
}

/** An event that breaks the envelope or its type's schema. The message names each offending field. */
export class EventValidationError extends Error {
  constructor(
    readonly eventType: string,
    readonly problems: FieldProblem[],
  ) {
    super(`invalid ${eventType || 'event'}: ${problems.map((p) => `${p.path || '/'} ${p.message}`).join('; ')}`);
    this.name = 'EventValidationError';
  }

  static fromCloudEvents(eventType: string, err: unknown): EventValidationError {
    const errors = (err as { errors?: ErrorObject[] }).errors;
    if (Array.isArray(errors))
      return new EventValidationError(
        eventType,
        errors.map((e) => toProblem(e)),
      );
    return new EventValidationError(eventType, [{ path: '', message: errorMessage(err) }]);
  }
}

// The one validator set-up: events, and any other contract value (a policy over HTTP or by portal
// command), are judged by the same rules.
// multipleOfPrecision: 54.3 is a multiple of 0.1 as written, though 54.3 / 0.1 is 542.99… in binary floating point.
const ajv = new Ajv({ allErrors: true, strict: true, multipleOfPrecision: 9 });
addFormats(ajv);

/** The longest `id`, `source` and `subject` an event may carry (characters). */
export const ENVELOPE_LIMITS = { id: 256, source: 128, subject: 256 } as const;

/** The CloudEvents envelope as Sanshe sends it (AsyncAPI publishes the same schema). */
export const ENVELOPE_SCHEMA = {
  type: 'object',
  required: ['specversion', 'id', 'source', 'type', 'subject', 'time', 'datacontenttype', 'data'],
  properties: {
    specversion: { const: '1.0' },
    // Bounded, so that an identity (source, id) or a partition key can never be used to bloat what
    // consumers store for deduplication and ordering.
    id: { type: 'string', minLength: 1, maxLength: ENVELOPE_LIMITS.id },
    source: { type: 'string', minLength: 1, maxLength: ENVELOPE_LIMITS.source },
    type: { type: 'string', pattern: EVENT_TYPE_PATTERN.source },
    subject: { type: 'string', minLength: 1, maxLength: ENVELOPE_LIMITS.subject },
    time: { type: 'string', format: 'date-time' },
    datacontenttype: { const: 'application/json' },
    traceparent: { type: 'string', pattern: '^[0-9a-f]{2}-[0-9a-f]{32}-[0-9a-f]{16}-[0-9a-f]{2}$' },
    correlationid: { type: 'string', minLength: 1 },
    data: {},
  },
  additionalProperties: true, // CloudEvents extensions we do not know are carried, not refused
} as const;
const validateEnvelopeShape = ajv.compile(ENVELOPE_SCHEMA);

/** One ajv error as a problem that names its field; `prefix` places the pointer (e.g. `/data`). */
const toProblem = (e: ErrorObject, prefix = ''): FieldProblem => {
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

export function validateEnvelope(value: unknown): { type: string; data: unknown } & Record<string, unknown> {
  if (!validateEnvelopeShape(value)) {
    const type = typeof (value as { type?: unknown })?.type === 'string' ? (value as { type: string }).type : '';
    throw new EventValidationError(
      type,
      (validateEnvelopeShape.errors ?? []).map((e) => toProblem(e)),
    );
  }
  return value as unknown as { type: string; data: unknown } & Record<string, unknown>;
}

const dataValidators = new Map<string, ValidateFunction>();

export function validateData(definition: EventDefinition, data: unknown): void {
  let validate = dataValidators.get(definition.type);
  if (!validate) {
    validate = ajv.compile(definition.data);
    dataValidators.set(definition.type, validate);
  }
  if (!validate(data)) {
    throw new EventValidationError(
      definition.type,
      (validate.errors ?? []).map((e) => toProblem(e, '/data')),
    );
  }
}

const compiledSchemas = new WeakMap<TSchema, ValidateFunction>();

/**
 * The ways `value` breaks `schema`, each naming its field as a JSON pointer (`/parties/0/weight`),
 * or [] if it conforms. `prefix` places the pointer, e.g. `/query` for request parameters.
 */
export function schemaProblems(schema: TSchema, value: unknown, prefix = ''): FieldProblem[] {
  let validate = compiledSchemas.get(schema);
  if (!validate) {
    validate = ajv.compile(schema);
    compiledSchemas.set(schema, validate);
  }
  if (validate(value)) return [];
  // "must match a schema in anyOf" only repeats the alternatives' own messages for the same field.
  const errors = (validate.errors ?? []).filter((e) => e.keyword !== 'anyOf');
  return collapseConstants(
    errors.map((e) => toProblem(e, prefix)),
    errors,
  );
}

/**
 * A union of literals fails once per literal ("must be equal to constant", eight times for eight
 * categories): one problem per field instead, naming the values it may take.
 */
function collapseConstants(problems: FieldProblem[], errors: ErrorObject[]): FieldProblem[] {
  const allowed = new Map<string, unknown[]>();
  errors.forEach((e, i) => {
    if (e.keyword === 'const')
      allowed.set(problems[i].path, [...(allowed.get(problems[i].path) ?? []), e.params.allowedValue]);
  });
  const said = new Set<string>();
  return problems.flatMap((problem, i) => {
    if (errors[i].keyword !== 'const') return [problem];
    if (said.has(problem.path)) return [];
    said.add(problem.path);
    const values = allowed.get(problem.path) ?? [];
    return [{ path: problem.path, message: `must be one of ${values.map((v) => JSON.stringify(v)).join(', ')}` }];
  });
}
