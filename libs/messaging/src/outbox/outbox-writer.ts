import type { EntityManager } from 'typeorm';
import {
  contextTopic,
  createEvent,
  EVENT_CATALOG,
  type EventDefinition,
  type EventType,
  type NewEvent,
  type SansheEvent,
  validateEvent,
} from '@sanshe/contracts';
import { qualifiedTable } from '@sanshe/persistence';
import { activeTraceCarrier } from '@sanshe/nest-platform/tracing';
import { DEFAULT_LANES, keyLockClassOf, keyLockOf, laneOf } from './lanes';

/**
 * The event with the trace context of the request or message being served as its CloudEvents `traceparent`
 * (and `tracestate`), unless it already carries one: the relay's span, Kafka and the consumers continue that trace.
 */
function withActiveTrace<E extends SansheEvent>(event: E): E {
  const carrier = event.traceparent === undefined ? activeTraceCarrier() : undefined;
  return carrier ? { ...event, ...carrier } : event;
}

export interface OutboxWriterOptions {
  /** The service's schema (where its outbox table is). */
  schema: string;
  /** CloudEvents `source` of the events this service publishes, e.g. `sanshe/organization`. */
  source: string;
  lanes?: number;
  /** Where each event goes; by default its context's topic (`sanshe.<context>.events`). Tests use their own. */
  topicFor?: (event: SansheEvent, definition: EventDefinition) => string;
}

/**
 * The only way a service publishes: the event is validated, then written in the caller's transaction.
 * It reaches Kafka only if that transaction commits, and then at least once.
 *
 * Per-key order with concurrent writers: positions come from a sequence at insert, but rows become
 * visible at commit, and the relay sends in position order. So two transactions writing one key could
 * commit in the opposite order of their positions and be relayed out of order. The insert therefore
 * first takes a transaction-scoped advisory lock on the key: a second writer of the key waits until
 * the first commits or rolls back, then draws a higher position, so positions follow commit order per
 * key. Writers of other keys never wait, and the relay is unchanged. (A relay that only sent positions
 * below the oldest running transaction's would instead hold every key back behind any long
 * transaction, and PostgreSQL does not tell which position a running transaction will commit.)
 */
export class OutboxWriter {
  private readonly table: string;
  private readonly lanes: number;
  private readonly keyLockClass: number;

  constructor(private readonly options: OutboxWriterOptions) {
    this.table = qualifiedTable(options.schema, 'outbox');
    this.lanes = options.lanes ?? DEFAULT_LANES;
    this.keyLockClass = keyLockClassOf(options.schema);
  }

  /** Builds the event (source filled in) and adds it. Throws EventValidationError, naming the field, for bad data. */
  publish<T extends EventType>(manager: EntityManager, event: Omit<NewEvent<T>, 'source'>): Promise<SansheEvent<T>> {
    const built = withActiveTrace(createEvent({ ...event, source: this.options.source } as NewEvent<T>)); // validates
    return this.insert(manager, built).then(() => built);
  }

  /**
   * Adds a built event to the outbox in `manager`'s transaction. An event whose id is already there is
   * not added twice (a retried command with a deterministic id); returns whether it was added.
   */
  add(manager: EntityManager, event: SansheEvent): Promise<boolean> {
    validateEvent(event);
    return this.insert(manager, withActiveTrace(event));
  }

  /**
   * Queues the stored event `eventId` to be sent once more exactly as stored (the same envelope, CloudEvent id
   * included: readers dedupe by it), in a row of its own named `copyId` (event_id is unique). False when
   * `eventId` is no longer held (pruned once sent) or `copyId` already is (this copy was queued before).
   */
  async resend(manager: EntityManager, eventId: string, copyId: string): Promise<boolean> {
    this.requireTransaction(manager);
    const [original] = (await manager.query(
      `SELECT event_type, topic, partition_key, payload FROM ${this.table} WHERE event_id = $1`,
      [eventId],
    )) as { event_type: string; topic: string; partition_key: string; payload: string }[];
    if (!original) return false;
    return this.insertRow(
      manager,
      [copyId, original.event_type, original.topic, original.partition_key],
      original.payload,
    );
  }

  private async insert(manager: EntityManager, event: SansheEvent): Promise<boolean> {
    this.requireTransaction(manager);
    const definition = EVENT_CATALOG.find((d) => d.type === event.type);
    if (!definition || definition.context === 'portal') throw new Error(`a service cannot publish ${event.type}`);
    const topic = this.options.topicFor?.(event, definition) ?? contextTopic(definition.context);
    return this.insertRow(manager, [event.id, event.type, topic, event.subject], JSON.stringify(event));
  }

  private requireTransaction(manager: EntityManager): void {
    if (!manager.queryRunner?.isTransactionActive) {
      throw new Error('outbox.add must run inside the transaction that changes the state (manager.transaction(...))');
    }
  }

  private async insertRow(
    manager: EntityManager,
    [eventId, eventType, topic, partitionKey]: [string, string, string, string],
    payload: string,
  ): Promise<boolean> {
    // One statement: the key's lock is taken before the position is drawn (the INSERT's row comes from it).
    const rows = (await manager.query(
      `WITH key_lock AS (SELECT pg_advisory_xact_lock($7::int, $8::int))
       INSERT INTO ${this.table} (event_id, event_type, topic, partition_key, lane, payload)
       SELECT $1::text, $2::text, $3::text, $4::text, $5::smallint, $6::text FROM key_lock
       ON CONFLICT (event_id) DO NOTHING RETURNING position`,
      [
        eventId,
        eventType,
        topic,
        partitionKey,
        laneOf(partitionKey, this.lanes),
        payload,
        this.keyLockClass,
        keyLockOf(partitionKey),
      ],
    )) as unknown[];
    return rows.length === 1;
  }
}
