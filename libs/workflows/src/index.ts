/** The module the worker bundles (workflowsPath); resolved here so that no app hard-codes a source path. */
export const WORKFLOWS_PATH = require.resolve('./workflows');

/** Governance's task queue: where decision workflows are scheduled. */
export const GOVERNANCE_TASK_QUEUE = 'governance';
