import { MESSAGING_MIGRATIONS } from '@sanshe/messaging';

/** The funding schema's migrations, oldest first; `npm run migrate` applies the pending ones. */
export const migrations: Function[] = [...MESSAGING_MIGRATIONS];
