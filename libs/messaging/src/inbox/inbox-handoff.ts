import { IntrinsicException } from '@nestjs/common';

/** On each message the transport hands to Nest: how InboxService tells it what became of the message. */
export const TICKET = Symbol('sanshe.inbox.ticket');
export interface Ticket {
  queued: () => void;
  deferred: boolean;
}
const ticketOf = (message: object) => (message as { [TICKET]?: Ticket })[TICKET];

/**
 * Tells the transport that `message` (KafkaContext.getMessage()) is queued, in order, by the inbox, so
 * it may hand over the partition's next message before this one's transaction commits. Nest's parser
 * copies the message, symbol properties included, so the mark survives. A no-op on any other transport.
 */
export function acknowledgeQueued(message: object): void {
  ticketOf(message)?.queued();
}

/**
 * Rejects a message that was not applied and must be delivered again later (the consumer is shutting
 * down). The transport stops its partition there without reporting an error to kafkajs. An
 * IntrinsicException, so that Nest does not log it.
 */
export class MessageDeferredError extends IntrinsicException {
  constructor(message: object) {
    super('not applied: the consumer is shutting down; it is delivered again after the restart');
    const ticket = ticketOf(message);
    if (ticket) ticket.deferred = true;
  }
}
