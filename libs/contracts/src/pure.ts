/**
 * The pure entry point, `@sanshe/contracts/pure`: the contracts' types and constants, and nothing that
 * does work on import — no validator (ajv), no CloudEvents SDK, not even the TypeBox schemas (their
 * types are here; their values are in `@sanshe/contracts`). Workflow code imports values from here:
 * Temporal bundles it into a deterministic sandbox and evaluates its modules for every workflow run,
 * so what it pulls in costs time and memory per decision. Everything else uses `@sanshe/contracts`,
 * which re-exports all of this.
 */
export type * from './catalog';
export * from './vocabulary/community-vocabulary';
export * from './vocabulary/funding-vocabulary';
export * from './vocabulary/organization-vocabulary';
export * from './vocabulary/talent-vocabulary';
export * from './events/event-definition';
export * from './events/topics';
export type * from './governance/decision-policy';
export * from './governance/filing-rule';
export * from './governance/policy-scope';
export * from './governance/seat-placeholder';
export * from './temporal/search-attributes';
export type { EventData, EventType, NewEvent, SansheEvent } from './events/envelope';
export type { FieldProblem } from './events/validation';
// The catalog's schemas of the same names have these types; the vocabularies are their source.
export type { NeedCategory } from './vocabulary/community-vocabulary';
export type { FunderKind } from './vocabulary/funding-vocabulary';
export type { SocialWorkerLevel, StaffRole } from './vocabulary/organization-vocabulary';
export type { RecognitionCode, SkillCode } from './vocabulary/talent-vocabulary';
