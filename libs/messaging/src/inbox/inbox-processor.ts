import type { DataSource, EntityManager } from 'typeorm';
import {
  checkEventData,
  type EventType,
  EventValidationError,
  type SansheEvent,
  validateEnvelope,
} from '@sanshe/contracts';
import type { DeadLetterPublisher } from './dead-letters';

/** Applies one event inside the inbox transaction: use `manager` for every write. */
export type EventHandler<T extends EventType = EventType> = (
  event: SansheEvent<T>,
  manager: EntityManager,
) => Promise<void>;
export type EventHandlers = { [T in EventType]?: EventHandler<T> };

/** Throw this from a handler for an event that can never succeed: it goes to the dead letters without retries. */
export class PermanentEventError extends Error {
  override name = 'PermanentEventError';
}

export interface IncomingMessage {
  topic: string;
  partition: number;
  offset: string;
  key: Buffer | string | null;
  value: Buffer | string | null;
}

export type Outcome = 'processed' | 'duplicate' | 'ignored' | 'dead-lettered';

export interface InboxProcessorOptions {
  /** The consumer's name: the inbox key and the dead-letter topic's suffix. Usually the consumer group. */
  consumer: string;
  schema: string;
  maxAttempts?: number;
  /** First retry delay; doubles each attempt (100, 200, 400, … ms by default). */
  retryDelayMs?: number;
  log?: (message: string) => void;
}

/**
 * Applies each incoming event exactly once in effect: validate, then in one transaction insert
 * (consumer, event id) into the inbox and run the handler. A redelivered event finds its id there and
 * changes nothing. Failures retry with backoff; an invalid event, a PermanentEventError or exhausted
 * retries go to the consumer's dead-letter topic. The caller commits the Kafka offset after this resolves.
 */
export class InboxProcessor {
  private readonly table: string;
  readonly counts: Record<Outcome, number> = { processed: 0, duplicate: 0, ignored: 0, 'dead-lettered': 0 };

  constructor(
    private readonly dataSource: DataSource,
    private readonly deadLetters: DeadLetterPublisher,
    private readonly options: InboxProcessorOptions,
  ) {
    this.table = `"${options.schema.replace(/"/g, '""')}".inbox`;
  }

  async process(message: IncomingMessage, handlers: EventHandlers): Promise<Outcome> {
    const outcome = await this.decide(message, handlers);
    this.counts[outcome]++;
    return outcome;
  }

  private async decide(message: IncomingMessage, handlers: EventHandlers): Promise<Outcome> {
    let event: SansheEvent;
    let handler: EventHandler | undefined;
    try {
      const envelope = validateEnvelope(JSON.parse(String(message.value ?? '')));
      // Ignore types this consumer does not handle, known or not (a v2 published beside v1, say).
      handler = handlers[envelope.type as EventType] as EventHandler | undefined;
      if (!handler) return 'ignored';
      event = checkEventData(envelope);
    } catch (err) {
      const reason = err instanceof EventValidationError ? err.message : `not a JSON event: ${(err as Error).message}`;
      await this.deadLetters.publish(message, reason, 1);
      return 'dead-lettered';
    }

    const maxAttempts = this.options.maxAttempts ?? 5;
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.applyOnce(event, handler);
      } catch (err) {
        const reason = err instanceof Error ? `${err.name}: ${err.message}` : String(err);
        if (err instanceof PermanentEventError || attempt >= maxAttempts) {
          await this.deadLetters.publish(message, reason, attempt);
          return 'dead-lettered';
        }
        this.options.log?.(`${event.type} ${event.id} failed (attempt ${attempt}/${maxAttempts}), retrying: ${reason}`);
        await new Promise((resolve) => setTimeout(resolve, (this.options.retryDelayMs ?? 100) * 2 ** (attempt - 1)));
      }
    }
  }

  private applyOnce(event: SansheEvent, handler: EventHandler): Promise<Outcome> {
    return this.dataSource.transaction(async (manager) => {
      const inserted = (await manager.query(
        `INSERT INTO ${this.table} (consumer, event_id, event_type) VALUES ($1, $2, $3)
         ON CONFLICT DO NOTHING RETURNING event_id`,
        [this.options.consumer, event.id, event.type],
      )) as unknown[];
      if (inserted.length === 0) return 'duplicate';
      await handler(event, manager);
      return 'processed';
    });
  }
}
