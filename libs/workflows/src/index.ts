/** The module the worker bundles (workflowsPath); resolved here so that no app hard-codes a source path. */
export const WORKFLOWS_PATH = require.resolve('./workflows');

/** Governance's task queue: where decision workflows are scheduled. */
export const GOVERNANCE_TASK_QUEUE = 'governance';

// Node-side entry point (the worker, the bridge, tools): the workflow's public surface and pure rules.
export * from './client/refusal-of';
export * from './decision/activities';
export * from './decision/decision.api';
export * from './decision/decision-records';
export * from './decision/domain/audit';
export * from './decision/domain/deadlines';
export * from './decision/domain/decision-state';
export * from './decision/domain/deliberation';
export * from './decision/domain/escalation';
export * from './decision/domain/refusals';
export * from './decision/domain/update-ids';
export * from './decision/domain/vote-time';
export * from './decision/domain/votes';
export * from './decision/domain/withdrawal';
export * from './decision/domain/policy-rules';
export * from './decision/search-attributes';
export * from './examples/street-example';
export * from './funding/funding-activities';
export * from './hours/activities';
export * from './hours/domain/hours-rules';
export * from './hours/hours.api';
export * from './client/hours-refusal-of';
export * from './client/disbursement-refusal-of';
export * from './disbursement/activities';
export * from './disbursement/disbursement.api';
export * from './disbursement/disbursement-start';
export * from './disbursement/domain/disbursement-rules';
export * from './disbursement/domain/disbursement-state';
export * from './disbursement/domain/working-days';
export * from './disbursement/search-attributes';
/** The workflow's type, for typed starts by name (the function itself lives only in the worker's bundle). */
export type DecisionWorkflow = typeof import('./decision/decision.workflow').decisionWorkflow;
/** The hours workflow's type, for typed starts by name. */
export type HoursConfirmationWorkflow = typeof import('./hours/hours-confirmation.workflow').hoursConfirmationWorkflow;
/** The disbursement workflow's type, for typed starts by name. */
export type DisbursementWorkflow = typeof import('./disbursement/disbursement.workflow').disbursementWorkflow;
export type { DisbursementResult } from './disbursement/disbursement.workflow';
