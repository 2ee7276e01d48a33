// Node-side entry point: the pure contracts plus what validates and builds events.
export * from './pure';
export * from './catalog';
export * from './catalog/funding-catalog';
export * from './catalog/governance-disbursement.events';
export * from './catalog/disbursement-requests.events';
export * from './catalog/portal-commands.events';
export * from './catalog/portal-replies.events';
export * from './catalog/governance-portal.events';
// The schemas (with their types), not only the vocabularies' types of the same names.
export { FunderKind, NeedCategory, RecognitionCode, SkillCode, SocialWorkerLevel, StaffRole } from './catalog';
export * from './governance/decision-policy';
export { FilingRule } from './governance/filing-rule.schema';
export * from './asyncapi/build-asyncapi';
export * from './events/envelope';
export * from './events/validation';
