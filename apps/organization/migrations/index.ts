import { CreateOutboxAndInbox1764201600000 } from '@sanshe/messaging';

/** The organization schema's migrations, oldest first; `npm run migrate` applies the pending ones. */
export const migrations: Function[] = [CreateOutboxAndInbox1764201600000];
