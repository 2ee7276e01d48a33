import type { EntityManager } from 'typeorm';
import type { Delivery, OutboxWriter } from '@sanshe/messaging';
import { resendPortalReply } from '@sanshe/service-kit';
import { commandingPortal } from './portal-replies';

/**
 * A portal command governance acts on, received again (the same source and id: a portal resending after a
 * timeout): one effect, but a second reply — the first reply's stored envelope, unchanged, queued once more
 * (docs/events.md, "Portal commands and replies"). Its outbox row is named after the duplicate's delivery, so
 * a redelivery of that same copy queues nothing new. Nothing when the reply was pruned or never written.
 */
export function resendReply(
  outbox: Pick<OutboxWriter, 'resend'>,
  manager: EntityManager,
  command: { type: string; source: string; id: string },
  delivery: Delivery,
): Promise<boolean> {
  if (commandingPortal(command, delivery.topic) === null) return Promise.resolve(false);
  return resendPortalReply(outbox, manager, command, delivery);
}
