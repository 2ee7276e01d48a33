/**
 * The pure entry point, `@sanshe/contracts/pure`: schemas, types and constants, with no validator
 * (ajv), no CloudEvents SDK and nothing else that does work on import. Workflow code imports values
 * from here, since Temporal bundles it into a deterministic sandbox; everything else may use
 * `@sanshe/contracts`, which re-exports all of this.
 */
export * from './catalog';
export * from './events/event-definition';
export * from './events/topics';
export * from './governance/decision-policy';
export * from './temporal/search-attributes';
export type { EventData, EventType, NewEvent, SansheEvent } from './events/envelope';
export type { FieldProblem } from './events/validation';
