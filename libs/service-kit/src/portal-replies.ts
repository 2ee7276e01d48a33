import { createHash } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import type { SansheEvent } from '@sanshe/contracts';
import type { Delivery, OutboxWriter } from '@sanshe/messaging';

/**
 * The id of a service's reply to a portal's command: one per command identity (source and id), within the
 * envelope's id limit. Governance and funding answer different commands by the same rule (docs/events.md,
 * "Portal commands and replies").
 */
export const portalReplyId = (command: Pick<SansheEvent, 'source' | 'id'>) =>
  `portal-reply/${createHash('sha256').update(`${command.source} ${command.id}`).digest('hex')}`;

/**
 * A command received again: its stored reply queued once more, unchanged, in an outbox row named after the
 * duplicate's delivery (so a redelivery of that same copy queues nothing new). False when the reply was
 * pruned or never written.
 */
export function resendPortalReply(
  outbox: Pick<OutboxWriter, 'resend'>,
  manager: EntityManager,
  command: Pick<SansheEvent, 'source' | 'id'>,
  { topic, partition, offset }: Delivery,
): Promise<boolean> {
  const id = portalReplyId(command);
  return outbox.resend(manager, id, `${id}#resent-${topic}/${partition}@${offset}`);
}
