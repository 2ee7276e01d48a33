/**
 * The governance schema's migrations, oldest first; `npm run migrate` applies the pending ones.
 * None yet: decision policies and the outbox arrive with the governance and event-backbone issues.
 */
export const migrations: Function[] = [];
