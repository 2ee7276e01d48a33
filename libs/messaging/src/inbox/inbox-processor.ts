import type { DataSource } from 'typeorm';
import { errorMessage, errorSummary, retryWithBackoff } from '@sanshe/common';
import {
  checkEventData,
  type EventType,
  EventValidationError,
  type SansheEvent,
  validateEnvelope,
} from '@sanshe/contracts';
import type { DeadLetterPublisher } from './dead-letters';
import { type EventHandler, type EventHandlers, PermanentEventError } from './event-handlers';
import { identityOf, InboxTable } from './inbox-table';
import type { Delivery, IncomingMessage, Outcome } from './incoming-message';

/** A valid message with its handler, and its place in the batch. */
interface Checked {
  index: number;
  message: IncomingMessage;
  event: SansheEvent;
  handler: EventHandler;
}

export interface InboxProcessorOptions {
  /** The consumer's name: the inbox key and the dead-letter topic's suffix. Usually the consumer group. */
  consumer: string;
  schema: string;
  maxAttempts?: number;
  /** First retry delay; doubles each attempt (100, 200, 400, … ms by default). */
  retryDelayMs?: number;
  log?: (message: string) => void;
}

/** Where `message` came from: what its handler is told. */
const deliveryOf = ({ topic, partition, offset, timestamp }: IncomingMessage): Delivery => ({
  topic,
  partition,
  offset,
  timestamp,
});

/**
 * Applies each incoming event exactly once in effect: validate, then in one transaction insert
 * (consumer, event source, event id) into the inbox and run the handler (several events of a
 * partition may share one transaction: processBatch). A redelivered event finds its row there and
 * changes nothing; another producer's event with the same id does not.
 * Failures retry with backoff; an invalid event, a PermanentEventError or exhausted retries go to
 * the consumer's dead-letter topic. The caller commits the Kafka offset after this resolves.
 */
export class InboxProcessor {
  private readonly inbox: InboxTable;
  readonly counts: Record<Outcome, number> = { processed: 0, duplicate: 0, ignored: 0, 'dead-lettered': 0 };

  constructor(
    private readonly dataSource: DataSource,
    private readonly deadLetters: DeadLetterPublisher,
    private readonly options: InboxProcessorOptions,
  ) {
    this.inbox = new InboxTable(options.schema, options.consumer);
  }

  async process(message: IncomingMessage, handlers: EventHandlers): Promise<Outcome> {
    const [outcome = 'ignored'] = await this.processBatch([{ message, handlers }]); // always one
    return outcome;
  }

  /**
   * Applies messages of one partition, in order, with the effects of applying them one by one: the
   * valid ones go into ONE transaction (their inbox rows in one INSERT, then each new event's handler,
   * in order; a handler sees the effects of the earlier ones). If that transaction fails, nothing of it
   * stays, and the messages are applied again without it: when a handler threw, the events before it
   * as a batch, its event alone with that failure counted as its first attempt (retries, dead letter,
   * PermanentEventError exactly as for a single message), then the events after it as a batch; when
   * the failure belongs to no handler (the INSERT, the COMMIT, a lost connection), each event alone.
   * Resolves with each message's outcome once all of them are done.
   */
  async processBatch(items: { message: IncomingMessage; handlers: EventHandlers }[]): Promise<Outcome[]> {
    const outcomes: Outcome[] = new Array<Outcome>(items.length);
    const valid: Checked[] = [];
    for (const [index, { message, handlers }] of items.entries()) {
      const checked = await this.check(message, handlers);
      if (typeof checked === 'string') outcomes[index] = checked;
      else valid.push({ ...checked, index, message });
    }
    await this.applyInOrder(valid, outcomes);
    for (const outcome of outcomes) this.counts[outcome]++;
    return outcomes;
  }

  /** Validates the envelope and the data; 'ignored' without a handler, 'dead-lettered' when invalid. */
  private async check(
    message: IncomingMessage,
    handlers: EventHandlers,
  ): Promise<Outcome | { event: SansheEvent; handler: EventHandler }> {
    try {
      const envelope = validateEnvelope(JSON.parse(String(message.value ?? '')));
      // Ignore types this consumer does not handle, known or not (a v2 published beside v1, say).
      const handler = handlers[envelope.type as EventType] as EventHandler | undefined;
      if (!handler) return 'ignored';
      return { event: checkEventData(envelope), handler };
    } catch (err) {
      const reason = err instanceof EventValidationError ? err.message : `not a JSON event: ${errorMessage(err)}`;
      await this.deadLetters.publish(message, reason, 1);
      return 'dead-lettered';
    }
  }

  private async applyInOrder(items: Checked[], outcomes: Outcome[]): Promise<void> {
    const [only, ...more] = items;
    if (!only) return;
    if (more.length === 0) {
      outcomes[only.index] = await this.applyWithRetries(only);
      return;
    }
    // Set inside the transaction's callback: which handler threw, if one did.
    let failed = undefined as { at: number; error: unknown } | undefined;
    try {
      const applied = await this.dataSource.transaction(async (manager) => {
        const fresh = await this.inbox.record(
          manager,
          items.map((i) => i.event),
        );
        const result: Outcome[] = [];
        for (const [at, { message, event, handler }] of items.entries()) {
          // The same event twice in one batch (a relay re-sent it): the first copy applies it.
          if (!fresh.delete(identityOf(event))) {
            result.push('duplicate');
            continue;
          }
          try {
            await handler(event, manager, deliveryOf(message));
          } catch (error) {
            failed = { at, error };
            throw error;
          }
          result.push('processed');
        }
        return result;
      });
      for (const [at, item] of items.entries()) outcomes[item.index] = applied[at] ?? 'processed';
    } catch (err) {
      if (!failed) {
        this.options.log?.(`a batch of ${items.length} events failed, applying them one by one: ${String(err)}`);
        for (const item of items) outcomes[item.index] = await this.applyWithRetries(item);
        return;
      }
      // The handler that threw gets the blame, and one attempt spent. (Were it a statement failing because an
      // earlier handler swallowed a database error, it is innocent: its retry, alone, then succeeds.)
      const [culprit, ...after] = items.slice(failed.at);
      await this.applyInOrder(items.slice(0, failed.at), outcomes);
      if (culprit) outcomes[culprit.index] = await this.applyWithRetries(culprit, failed);
      await this.applyInOrder(after, outcomes);
    }
  }

  /**
   * One event in its own transaction, retried with backoff; a PermanentEventError or exhausted retries
   * dead-letter it. `firstFailure`: attempt 1 already ran (in a batch) and failed with it.
   */
  private async applyWithRetries(
    { message, event, handler }: Checked,
    firstFailure?: { error: unknown },
  ): Promise<Outcome> {
    const maxAttempts = this.options.maxAttempts ?? 5;
    let attempts = 0;
    let lastError: unknown;
    try {
      return await retryWithBackoff(
        async (attempt) => {
          attempts = attempt;
          try {
            if (attempt === 1 && firstFailure) throw firstFailure.error;
            return await this.applyOnce(message, event, handler);
          } catch (err) {
            lastError = err;
            throw err;
          }
        },
        {
          initialDelayMs: this.options.retryDelayMs ?? 100,
          maxDelayMs: Infinity, // doubles without a cap; maxAttempts bounds the wait
          maxAttempts,
          stop: () => lastError instanceof PermanentEventError,
          onRetry: (err, attempt) =>
            this.options.log?.(
              `${event.type} ${event.id} failed (attempt ${attempt}/${maxAttempts}), retrying: ${errorSummary(err)}`,
            ),
        },
      );
    } catch (err) {
      await this.deadLetters.publish(message, errorSummary(err), attempts);
      return 'dead-lettered';
    }
  }

  private applyOnce(message: IncomingMessage, event: SansheEvent, handler: EventHandler): Promise<Outcome> {
    return this.dataSource.transaction(async (manager) => {
      const fresh = await this.inbox.record(manager, [event]);
      if (fresh.size === 0) return 'duplicate';
      await handler(event, manager, deliveryOf(message));
      return 'processed';
    });
  }
}
