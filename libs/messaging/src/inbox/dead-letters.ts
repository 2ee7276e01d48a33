import type { Producer } from 'kafkajs';
import { retryWithBackoff } from '@sanshe/common';
import { DEAD_LETTER_HEADERS, deadLetterTopic } from '@sanshe/contracts';
import { topicOnWire } from '../topic-names';
import { type DeadLetterReason, deadLetterReasonOf } from './dead-letter-reasons';
import type { IncomingMessage } from './incoming-message';

/**
 * Puts a message a consumer cannot process on its dead-letter topic, unchanged, with why and where
 * it came from in the headers. Retries until Kafka takes it: a dead letter is never dropped, because
 * the offset is committed right after.
 */
export class DeadLetterPublisher {
  constructor(
    private readonly producer: Producer,
    private readonly consumer: string,
    private readonly log: (message: string) => void = () => undefined,
    private readonly topicPrefix = '',
  ) {}

  /** On the wire; the original topic in the headers is the one the message was read from, also on the wire. */
  readonly topic = () => topicOnWire(this.topicPrefix, deadLetterTopic(this.consumer));

  /** Dead letters published so far, by the kind of their reason: sanshe_inbox_dead_letters_total. */
  readonly publishedByReason = new Map<DeadLetterReason, number>();

  async publish(message: IncomingMessage, reason: string, attempts: number): Promise<void> {
    // Until Kafka takes it (200, 400, 600 … ms apart, at most 5 s): the offset is committed right after.
    await retryWithBackoff(
      async () => {
        await this.producer.send({
          topic: this.topic(),
          acks: -1,
          messages: [
            {
              key: message.key,
              value: message.value,
              headers: {
                [DEAD_LETTER_HEADERS.error]: reason.slice(0, 4000),
                [DEAD_LETTER_HEADERS.originalTopic]: message.topic,
                [DEAD_LETTER_HEADERS.originalPartition]: String(message.partition),
                [DEAD_LETTER_HEADERS.originalOffset]: message.offset,
                [DEAD_LETTER_HEADERS.attempts]: String(attempts),
                [DEAD_LETTER_HEADERS.consumer]: this.consumer,
              },
            },
          ],
        });
      },
      {
        initialDelayMs: 200,
        maxDelayMs: 5_000,
        growth: 'linear',
        onRetry: (err, attempt) =>
          this.log(
            `could not dead-letter ${message.topic}/${message.partition}@${message.offset} (try ${attempt}): ${String(err)}`,
          ),
      },
    );
    this.log(`dead-lettered ${message.topic}/${message.partition}@${message.offset}: ${reason}`);
    const kind = deadLetterReasonOf(reason);
    this.publishedByReason.set(kind, (this.publishedByReason.get(kind) ?? 0) + 1);
  }
}
