import type { Static, TSchema } from '@sinclair/typebox';

/** The bounded contexts and portals that publish events. */
export const EVENT_CONTEXTS = ['community', 'organization', 'talent', 'funding', 'governance', 'portal'] as const;
export type EventContext = (typeof EVENT_CONTEXTS)[number];

/**
 * One event type in the catalog. The data schema is JSON Schema (TypeBox builds it); the TypeScript
 * type of `data` is derived from it, so the schema is the single source of truth.
 */
export interface EventDefinition<Type extends string = string, Data extends TSchema = TSchema> {
  /** `sanshe.<context>.<aggregate>.<verb>.v<N>` */
  type: Type;
  context: EventContext;
  aggregate: string;
  version: number;
  description: string;
  data: Data;
  /** A realistic example, validated against the schema by the contracts tests and shown in AsyncAPI. */
  example: Static<Data>;
  /** The data field that holds the subject (aggregate id), when it is not `<aggregate>Id`. */
  subjectField?: string;
}

/** `sanshe.<context>.<aggregate>.<verb>.v<N>`; the envelope schema uses the same pattern. */
export const EVENT_TYPE_PATTERN = /^sanshe\.([a-z]+)\.([a-z][a-z-]*)\.([a-z][a-z-]*)\.v([1-9][0-9]*)$/;

export function defineEvent<const Type extends string, Data extends TSchema>(
  type: Type,
  definition: { description: string; data: Data; example: Static<Data>; subjectField?: string },
): EventDefinition<Type, Data> {
  const [, context = '', aggregate = '', , version] = EVENT_TYPE_PATTERN.exec(type) ?? [];
  if (!version) throw new Error(`event type "${type}" must look like sanshe.<context>.<aggregate>.<verb>.v<N>`);
  if (!(EVENT_CONTEXTS as readonly string[]).includes(context)) {
    throw new Error(`event type "${type}": context "${context}" is not one of ${EVENT_CONTEXTS.join(', ')}`);
  }
  return { type, context: context as EventContext, aggregate, version: Number(version), ...definition };
}
