/**
 * The talent schema's migrations, oldest first; `npm run migrate` applies the pending ones.
 * None yet: the first tables (outbox and inbox) arrive with the event backbone.
 */
export const migrations: Function[] = [];
