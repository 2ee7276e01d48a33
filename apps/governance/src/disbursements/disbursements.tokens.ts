/** Injection token: the disbursement event handlers the module registers with the decision bridge. */
export const DISBURSEMENT_EVENT_HANDLERS = Symbol('DISBURSEMENT_EVENT_HANDLERS');
