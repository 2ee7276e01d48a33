import type { DataSource } from 'typeorm';
import { errorMessage, errorSummary } from '@sanshe/common';
import { eventLogFields, withLogFields } from '@sanshe/nest-platform';
import {
  checkEventData,
  EVENT_CATALOG,
  type EventType,
  EventValidationError,
  type SansheEvent,
  validateEnvelope,
} from '@sanshe/contracts';
import { logicalTopic } from '../topic-names';
import type { DeadLetterPublisher } from './dead-letters';
import {
  type DuplicateHandler,
  type EventHandler,
  type EventHandlers,
  type InvalidDataHandler,
  PermanentEventError,
} from './event-handlers';
import { identityOf, InboxTable } from './inbox-table';
import { tracedHandler } from './inbox-tracing';
import type { Delivery, IncomingMessage, Outcome } from './incoming-message';
import { PartitionStalls, type RetryPolicy, retryPolicyOf } from './stalls';

/** A valid message with its handler, and its place in the batch. */
interface Checked {
  index: number;
  message: IncomingMessage;
  event: SansheEvent;
  handler: EventHandler;
}

export interface InboxProcessorOptions extends RetryPolicy {
  /** The consumer's name: the inbox key and the dead-letter topic's suffix. Usually the consumer group. */
  consumer: string;
  schema: string;
  log?: (message: string) => void;
  /** What needs a person: an event dead-lettered because it kept failing past deadLetterAfterMs. */
  alert?: (message: string) => void;
  /** The topic prefix on the wire (KAFKA_TOPIC_PREFIX): taken off the topic a handler is told. */
  topicPrefix?: string;
}

/**
 * A message's outcome in a batch, or `retry-later`: it failed transiently, or an earlier message of
 * its partition did. It is not applied; deliver it again (after `stalls.retryDelay`) in offset order.
 */
export type BatchOutcome = Outcome | 'retry-later';

const CATALOGUED_TYPES: ReadonlySet<string> = new Set(EVENT_CATALOG.map((definition) => definition.type));

/** A type's namespace: `sanshe.<context>` (or `sanshe.portal`), what one context's topic carries. */
const namespaceOf = (type: string): string => type.split('.', 2).join('.');

/**
 * Why a type without a handler is dead-lettered, or undefined when it is skipped. A type the catalogue
 * knows is for other consumers: skipped. One the catalogue does not know, in a namespace this consumer
 * handles types of, may be meant for it (a newer producer's type, or a mistake): dead-lettered, so it can
 * be replayed once the consumer knows it, rather than lost. Outside those namespaces: skipped.
 */
function unknownTypeReason(type: string, handlers: EventHandlers): string | undefined {
  if (CATALOGUED_TYPES.has(type)) return undefined;
  const namespace = namespaceOf(type);
  if (!Object.keys(handlers).some((handled) => namespaceOf(handled) === namespace)) return undefined;
  return `unknown-type: ${type} is not in this consumer's event catalogue (${namespace} events are handled here)`;
}

/** Where `message` came from: what its handler is told, the topic by its logical name. */
const deliveryOf = (
  { topic, partition, offset, timestamp, brokerTime }: IncomingMessage,
  topicPrefix: string | undefined,
): Delivery => ({
  topic: logicalTopic(topicPrefix, topic),
  partition,
  offset,
  timestamp,
  ...(brokerTime === undefined ? {} : { brokerTime }),
});

/**
 * Applies each incoming event exactly once in effect: validate, then in one transaction insert
 * (consumer, event source, event id) into the inbox and run the handler (several events of a
 * partition may share one transaction: processBatch). A redelivered event finds its row there and
 * changes nothing; another producer's event with the same id does not.
 * Permanent failures (an invalid event, a PermanentEventError) go to the consumer's dead-letter topic
 * at once. Any other failure is transient: the event and those after it in its partition are left
 * for redelivery (`retry-later`; InboxService pauses the partition for a capped backoff), without a
 * count limit, until the event succeeds or has failed for longer than `deadLetterAfterMs`.
 * The caller commits the Kafka offset of what was applied or dead-lettered after this resolves.
 */
export class InboxProcessor {
  private readonly inbox: InboxTable;
  readonly stalls: PartitionStalls;
  readonly counts: Record<Outcome, number> = { processed: 0, duplicate: 0, ignored: 0, 'dead-lettered': 0 };
  private invalidData?: InvalidDataHandler;
  private duplicates?: DuplicateHandler;

  constructor(
    private readonly dataSource: DataSource,
    readonly deadLetters: DeadLetterPublisher,
    private readonly options: InboxProcessorOptions,
  ) {
    this.inbox = new InboxTable(options.schema, options.consumer);
    this.stalls = new PartitionStalls(retryPolicyOf(options), options.log);
  }

  /**
   * From now on, an event with a valid envelope, of a type it handles, whose data is invalid goes to `answer`
   * in an inbox transaction (recorded once, like any event) instead of straight to the dead letters. One per
   * consumer.
   */
  answerInvalidData(answer: InvalidDataHandler): void {
    if (this.invalidData) throw new Error(`${this.options.consumer} already answers invalid events`);
    this.invalidData = answer;
  }

  /** From now on, a duplicate event (already in the inbox) goes to `answer` in its inbox transaction. One per consumer. */
  answerDuplicates(answer: DuplicateHandler): void {
    if (this.duplicates) throw new Error(`${this.options.consumer} already answers duplicates`);
    this.duplicates = answer;
  }

  async process(message: IncomingMessage, handlers: EventHandlers): Promise<BatchOutcome> {
    const [outcome = 'ignored'] = await this.processBatch([{ message, handlers }]); // always one
    return outcome;
  }

  /**
   * Applies messages of one partition, in order, with the effects of applying them one by one: runs of
   * valid ones go into ONE transaction (their inbox rows in one INSERT, then each new event's handler,
   * in order; a handler sees the effects of the earlier ones). If that transaction fails, nothing of it
   * stays, and the messages are applied again without it: when a handler threw, the events before it
   * as a batch, then its event alone (a PermanentEventError from the batch dead-letters it at once),
   * then the events after it as a batch; when the failure belongs to no handler (the INSERT, the
   * COMMIT, a lost connection), each event alone. From the first event that still fails transiently,
   * every outcome is `retry-later`. Resolves with each message's outcome once all of them are done.
   */
  async processBatch(items: { message: IncomingMessage; handlers: EventHandlers }[]): Promise<BatchOutcome[]> {
    const outcomes: BatchOutcome[] = new Array<BatchOutcome>(items.length);
    let run: Checked[] = [];
    let held = false;
    for (const [index, { message, handlers }] of items.entries()) {
      const checked = this.check(message, handlers);
      if (checked === 'ignored') outcomes[index] = 'ignored';
      else if ('event' in checked) run.push({ ...checked, index, message });
      else {
        // Dead-letter it only once what comes before it is done: a held partition keeps it for later.
        if ((held = await this.applyInOrder(run, outcomes))) break;
        run = [];
        outcomes[index] = await this.deadLetter(message, checked.invalid, 1);
      }
    }
    if (!held) held = await this.applyInOrder(run, outcomes);
    const heldFrom = held ? outcomes.indexOf('retry-later') : -1;
    if (heldFrom >= 0) outcomes.fill('retry-later', heldFrom);
    for (const outcome of outcomes) if (outcome !== 'retry-later') this.counts[outcome]++;
    return outcomes;
  }

  /**
   * Validates the envelope and the data: the event and its handler, 'ignored' for a type this consumer
   * does not handle, or why it is dead-lettered (invalid, or a type unknown to the catalogue: unknownTypeReason).
   */
  private check(
    message: IncomingMessage,
    handlers: EventHandlers,
  ): 'ignored' | { invalid: string } | { event: SansheEvent; handler: EventHandler } {
    let envelope: ReturnType<typeof validateEnvelope> | undefined;
    try {
      envelope = validateEnvelope(JSON.parse(String(message.value ?? '')));
      const handler = handlers[envelope.type as EventType] as EventHandler | undefined;
      if (!handler) {
        const unknown = unknownTypeReason(envelope.type, handlers);
        return unknown ? { invalid: unknown } : 'ignored';
      }
      return { event: checkEventData(envelope), handler: tracedHandler(message, this.options.consumer, handler) };
    } catch (err) {
      const reason = err instanceof EventValidationError ? err.message : `not a JSON event: ${errorMessage(err)}`;
      const answer = this.invalidData;
      // A valid envelope of a handled type (its data refused): answered if someone answers, else dead-lettered.
      if (!envelope || !answer) return { invalid: reason };
      const answering: EventHandler = async (event, manager, delivery) => {
        if (!(await answer(event, reason, manager, delivery))) throw new PermanentEventError(reason);
      };
      return { event: envelope as unknown as SansheEvent, handler: answering };
    }
  }

  /** Applies `items` in order (see processBatch); true when one failed transiently and the rest wait. */
  private async applyInOrder(items: Checked[], outcomes: BatchOutcome[]): Promise<boolean> {
    const [first, ...more] = items;
    if (!first) return false;
    // A stalled event's retry runs alone, so that each retry costs one try of its handler.
    if (more.length === 0 || this.stalls.at(first.message)) {
      if ((outcomes[first.index] = await this.applyAlone(first)) === 'retry-later') return true;
      return this.applyInOrder(more, outcomes);
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
          const duplicate = !fresh.delete(identityOf(event));
          try {
            await withLogFields(eventLogFields(event), async () => {
              if (duplicate) await this.duplicates?.(event, manager, deliveryOf(message, this.options.topicPrefix));
              else await handler(event, manager, deliveryOf(message, this.options.topicPrefix));
            });
          } catch (error) {
            failed = { at, error };
            throw error;
          }
          result.push(duplicate ? 'duplicate' : 'processed');
        }
        return result;
      });
      for (const [at, item] of items.entries()) outcomes[item.index] = applied[at] ?? 'processed';
      return false;
    } catch (err) {
      if (!failed) {
        this.options.log?.(`a batch of ${items.length} events failed, applying them one by one: ${String(err)}`);
        for (const item of items)
          if ((outcomes[item.index] = await this.applyAlone(item)) === 'retry-later') return true;
        return false;
      }
      // The handler that threw gets the blame, and one try spent. (Were it a statement failing because an
      // earlier handler swallowed a database error, it is innocent: its try alone then succeeds.)
      const [culprit, ...after] = items.slice(failed.at);
      if (!culprit) return false; // (never: `at` is an index of `items`)
      if (await this.applyInOrder(items.slice(0, failed.at), outcomes)) return true;
      if ((outcomes[culprit.index] = await this.applyAlone(culprit, failed)) === 'retry-later') return true;
      return this.applyInOrder(after, outcomes);
    }
  }

  /**
   * One event in its own transaction. `batchFailure`: it already failed in a batch (a try spent; a
   * PermanentEventError there is final). A PermanentEventError dead-letters it; another failure
   * stalls its partition (`retry-later`), or dead-letters it once it has failed past the deadline.
   */
  private async applyAlone(
    { message, event, handler }: Checked,
    batchFailure?: { error: unknown },
  ): Promise<BatchOutcome> {
    let error = batchFailure?.error;
    let tries = batchFailure ? 1 : 0;
    if (!(error instanceof PermanentEventError)) {
      try {
        tries++;
        const outcome = await this.applyOnce(message, event, handler);
        this.stalls.settled(message, outcome);
        return outcome;
      } catch (err) {
        error = err;
      }
    }
    if (error instanceof PermanentEventError)
      return this.deadLetter(message, errorSummary(error), (this.stalls.at(message)?.attempts ?? 0) + tries);
    const stall = this.stalls.failed(message, error, tries);
    if (!this.stalls.expired(stall)) return 'retry-later';
    const { deadLetterAfterMs } = this.stalls.policy;
    const reason =
      `failing for longer than deadLetterAfterMs (${deadLetterAfterMs} ms), since ${stall.since.toISOString()}, ` +
      `${stall.attempts} tries: ${errorSummary(error)}`;
    this.options.alert?.(
      `${message.topic}/${message.partition}@${message.offset} ${event.type} ${event.id}: ${reason}`,
    );
    return this.deadLetter(message, reason, stall.attempts);
  }

  private async deadLetter(message: IncomingMessage, reason: string, attempts: number): Promise<'dead-lettered'> {
    await this.deadLetters.publish(message, reason, attempts);
    this.stalls.settled(message, 'dead-lettered');
    return 'dead-lettered';
  }

  private applyOnce(message: IncomingMessage, event: SansheEvent, handler: EventHandler): Promise<Outcome> {
    // Its handler's lines carry the event's id, correlation and trace ids.
    return withLogFields(eventLogFields(event), () => this.applyOnceLogged(message, event, handler));
  }

  private applyOnceLogged(message: IncomingMessage, event: SansheEvent, handler: EventHandler): Promise<Outcome> {
    return this.dataSource.transaction(async (manager) => {
      const fresh = await this.inbox.record(manager, [event]);
      if (fresh.size === 0) {
        await this.duplicates?.(event, manager, deliveryOf(message, this.options.topicPrefix));
        return 'duplicate';
      }
      await handler(event, manager, deliveryOf(message, this.options.topicPrefix));
      return 'processed';
    });
  }
}
