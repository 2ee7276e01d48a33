import type { Portal } from './portal';

/**
 * Opens a registered portal's channels — its commands and replies topics (and ACLs when Kafka security
 * is on), and the bridge consuming its commands topic — without a restart (a port: the class is also its
 * injection token). Called after a registration or re-activation commits, and for every active portal at
 * startup, so a crash between the commit and the opening heals; failures are logged and retried, and the
 * portal shows `channels: 'pending'` on GET /portals until it succeeds. Must be idempotent: an open portal
 * may be opened again.
 */
export abstract class PortalChannels {
  abstract open(portal: Portal): Promise<void>;

  /**
   * For portals heard without registering (configuration, a policy naming them): their replies topics, which
   * the replying services may write — or replies to them would wait in the outbox. Idempotent.
   */
  abstract openReplies(portalIds: readonly string[]): Promise<void>;
}
