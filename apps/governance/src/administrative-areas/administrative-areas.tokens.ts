/**
 * Injection token: the inbox handlers of the six area events (`EventHandlers`), which the decision
 * bridge merges into its own, since one Kafka handler reads sanshe.community.events in this process.
 */
export const ADMINISTRATIVE_AREA_EVENT_HANDLERS = Symbol('ADMINISTRATIVE_AREA_EVENT_HANDLERS');
