import { IntrinsicException } from '@nestjs/common';
import type { KafkaContext } from '@nestjs/microservices';
import type { KafkaMessage } from 'kafkajs';

/**
 * The handshake between the transport (InboxKafkaServer) and InboxService for one message. The
 * transport hands each message to Nest with a handoff, and the inbox answers on it. The error a
 * handler throws cannot carry this: Nest turns it into a plain `{ status, message }` object.
 */
export interface InboxHandoff {
  /**
   * The inbox has queued the message, in offset order: the transport may hand over the partition's
   * next message before this one's transaction commits.
   */
  queued(): void;
  /**
   * The inbox will not apply the message now (the consumer is shutting down, or an event of its
   * partition failed transiently and waits for a retry): when it fails, the transport stops its
   * partition there without reporting an error to kafkajs. It is not committed, so it is delivered
   * again (after the restart, or when the inbox resumes the paused partition).
   */
  deferred(): void;
}

/**
 * A message as InboxKafkaServer hands it to Nest. Nest's parser copies the message's own
 * properties, so the handoff reaches KafkaContext.getMessage(). `brokerTime`: the record's
 * timestamp as a number, set only when its topic uses LogAppendTime (Delivery.brokerTime).
 */
export type HandedOverMessage = KafkaMessage & { inboxHandoff: InboxHandoff; brokerTime?: number };

/** The broker's append time of the message in `context`; undefined on a CreateTime topic or another transport. */
export const brokerTimeOf = (context: KafkaContext): number | undefined =>
  (context.getMessage() as Partial<HandedOverMessage>).brokerTime;

/** The handoff of the message in `context`; undefined on any other transport, which waits for nothing. */
export const handoffOf = (context: KafkaContext): InboxHandoff | undefined =>
  (context.getMessage() as Partial<HandedOverMessage>).inboxHandoff;

/**
 * Rejects a message that was not applied and must be delivered again later (the consumer is shutting
 * down, or its partition waits for a retry). An IntrinsicException, so that Nest does not log it. Thrown through `deferMessage`.
 */
export class MessageDeferredError extends IntrinsicException {
  constructor(why = 'the consumer is shutting down; it is delivered again after the restart') {
    super(`not applied: ${why}`);
  }
}

/** Tells the transport that the message is deferred, and returns the error to reject it with. */
export function deferMessage(handoff: InboxHandoff | undefined, why?: string): MessageDeferredError {
  handoff?.deferred();
  return new MessageDeferredError(why);
}
