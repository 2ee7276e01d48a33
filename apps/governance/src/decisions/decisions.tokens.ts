/** Injection token: the task queue decision workflows are started on (GOVERNANCE_TASK_QUEUE). */
export const DECISION_TASK_QUEUE = Symbol('DECISION_TASK_QUEUE');
