/** Injection token: the hours event handlers the module registers with the decision bridge. */
export const HOURS_EVENT_HANDLERS = Symbol('HOURS_EVENT_HANDLERS');

/** Injection token: the task queue talent's worker records hours on (TALENT_ACTIVITIES_TASK_QUEUE). */
export const TALENT_TASK_QUEUE = Symbol('TALENT_TASK_QUEUE');
