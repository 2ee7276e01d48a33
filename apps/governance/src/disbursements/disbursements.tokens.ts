/** Injection token: the disbursement event handlers the module registers with the decision bridge. */
export const DISBURSEMENT_EVENT_HANDLERS = Symbol('DISBURSEMENT_EVENT_HANDLERS');
/** Injection token: the parties' requests to a disbursement (objections, clawbacks, cancellations, deregistrations). */
export const DISBURSEMENT_REQUEST_EVENT_HANDLERS = Symbol('DISBURSEMENT_REQUEST_EVENT_HANDLERS');
