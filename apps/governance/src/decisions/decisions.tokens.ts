/** Injection token: the task queue decision workflows are started on (GOVERNANCE_TASK_QUEUE). */
export const DECISION_TASK_QUEUE = Symbol('DECISION_TASK_QUEUE');

/** Injection token: the Temporal UI's page of this namespace's workflows, for links to a decision. */
export const TEMPORAL_UI_WORKFLOWS_URL = Symbol('TEMPORAL_UI_WORKFLOWS_URL');

/** Injection token: the portal ids the bridge hears, fixed when the process starts (main.ts's prepare). */
export const HEARD_PORTAL_IDS = Symbol('HEARD_PORTAL_IDS');
