import { CreateOutboxAndInbox1764201600000 } from './1764201600000-create-outbox-and-inbox';
import { InboxKeyedBySource1795900000000 } from './1795900000000-inbox-keyed-by-source';
import { InboxByAge1796000000000 } from './1796000000000-inbox-by-age';

export { CreateOutboxAndInbox1764201600000, InboxByAge1796000000000, InboxKeyedBySource1795900000000 };

/**
 * The outbox and inbox tables' migrations, oldest first. Every service lists them all among its own
 * (`[...MESSAGING_MIGRATIONS, …]`), so that none misses one.
 */
export const MESSAGING_MIGRATIONS: readonly Function[] = [
  CreateOutboxAndInbox1764201600000,
  InboxKeyedBySource1795900000000,
  InboxByAge1796000000000,
];
