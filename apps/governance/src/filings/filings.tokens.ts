/**
 * Injection token: the inbox handlers of the filing events (`EventHandlers`): proposal.filed, the five
 * call-in types, and proposal.withdrawn from a filing. The decision bridge, the one consumer of the
 * context topics, runs them (FilingsModule registers them in its BridgeEventRegistry).
 */
export const FILING_EVENT_HANDLERS = Symbol('FILING_EVENT_HANDLERS');
