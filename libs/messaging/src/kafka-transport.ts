import { IntrinsicException } from '@nestjs/common';
import {
  EventPattern,
  type KafkaOptions,
  type MicroserviceOptions,
  ServerKafka,
  Transport,
} from '@nestjs/microservices';
import {
  type Consumer,
  type EachBatchPayload,
  type EachMessagePayload,
  Kafka,
  type KafkaMessage,
  logLevel,
} from 'kafkajs';

/** On each message the transport hands to Nest: how InboxService tells it what became of the message. */
const TICKET = Symbol('sanshe.inbox.ticket');
interface Ticket {
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

/**
 * Nest's Kafka transport, reading with kafkajs `eachBatch` instead of `eachMessage`, so that the inbox
 * can apply several messages of a partition in one transaction. Everything Nest does per message
 * (deserializer, guards, pipes, interceptors, the @ConsumeTopic handler) is unchanged: each message
 * still goes through `handleMessage`. What changes is when the next one is handed over: as soon as
 * the previous one is queued by InboxService (acknowledgeQueued) or has finished, with at most
 * `maxInFlight` unfinished per partition, always in offset order. Offsets are resolved (kafkajs's
 * fetch position; InboxService commits) in order, for messages that finished; at the first one that
 * failed, the partition stops there and the error goes to kafkajs, which delivers it again (as with
 * eachMessage) — unless it was deferred (MessageDeferredError). It stops handing over messages when
 * the partition is paused, the consumer stops or a rebalance made the batch stale; the rest are
 * fetched again.
 */
export class InboxKafkaServer extends ServerKafka {
  constructor(
    options: Required<KafkaOptions>['options'],
    private readonly maxInFlight: number,
  ) {
    super(options);
  }

  override async bindEvents(consumer: Parameters<ServerKafka['bindEvents']>[0]): Promise<void> {
    const patterns = [...this.messageHandlers.keys()];
    if (patterns.length > 0) await consumer.subscribe({ ...(this.options.subscribe ?? {}), topics: patterns });
    await consumer.run({
      ...(this.options.run ?? {}),
      eachBatchAutoResolve: false,
      eachBatch: (payload) => this.handleBatch(payload as unknown as EachBatchPayload),
    });
  }

  private async handleBatch(payload: EachBatchPayload): Promise<void> {
    const { batch, resolveOffset, heartbeat, isRunning, isStale, pause } = payload;
    const { topic, partition } = batch;
    const unfinished: { offset: string; ok: Promise<boolean> }[] = [];
    let failed = false;
    let failure: { error: unknown } | undefined; // one that was not deferred: kafkajs delivers it again
    let resolving = true; // false from the first message that failed: no later offset is resolved
    const settleOldest = async () => {
      const oldest = unfinished.shift();
      if (!oldest) return;
      if ((await oldest.ok) && resolving) resolveOffset(oldest.offset);
      else resolving = false;
      await heartbeat(); // kafkajs sends one only when its interval has passed
    };
    for (const message of batch.messages) {
      if (failed || !isRunning() || isStale() || this.isPaused(topic, partition)) break;
      while (unfinished.length >= this.maxInFlight) await settleOldest();
      if (failed) break;
      const ticket: Ticket = { queued: () => undefined, deferred: false };
      const queued = new Promise<void>((resolve) => (ticket.queued = resolve));
      const handed: EachMessagePayload = {
        topic,
        partition,
        message: Object.assign(message, { [TICKET]: ticket }) as KafkaMessage,
        heartbeat,
        pause,
      };
      const ok = this.handleMessage(handed as never).then(
        () => true,
        (error: unknown) => {
          failed = true;
          if (!ticket.deferred) failure ??= { error };
          return false;
        },
      );
      unfinished.push({ offset: message.offset, ok });
      await Promise.race([queued, ok]);
    }
    while (unfinished.length > 0) await settleOldest();
    if (failure) throw failure.error;
  }

  private isPaused(topic: string, partition: number): boolean {
    return (this.consumer as unknown as Consumer)
      .paused()
      .some((p) => p.topic === topic && p.partitions.includes(partition));
  }
}

/**
 * Options for `app.connectMicroservice(...)`: Nest's Kafka transport (as InboxKafkaServer, which hands
 * a partition's messages over without waiting for each to finish) set up for the inbox —
 * offsets committed by InboxService after each event's transaction (never automatically), the raw
 * value kept so that the inbox validates it, partitions consumed in parallel so one slow key does not
 * hold the others, and the group id exactly as given (Nest would add "-server"). Fetches wait at
 * most 1 s for data (kafkajs: 5 s): disconnecting waits for the current fetch, and on shutdown
 * InboxService pauses every topic, which makes kafkajs sleep that long instead of fetching.
 */
export function kafkaConsumerTransport(options: {
  brokers: string[];
  clientId: string;
  groupId: string;
  partitionsConsumedConcurrently?: number;
  /** Where a new group starts (an existing group resumes from its committed offsets). Default: the beginning. */
  fromBeginning?: boolean;
  /**
   * Messages of one partition handed over before the earlier ones finished (200 by default), so that
   * InboxService can apply them in batches (see its `batchMaxSize`). 1 = one message at a time.
   */
  maxInFlightPerPartition?: number;
}): MicroserviceOptions {
  const kafkaOptions: Required<KafkaOptions>['options'] = {
    postfixId: '',
    client: { clientId: options.clientId, brokers: options.brokers },
    consumer: {
      groupId: options.groupId,
      allowAutoTopicCreation: true,
      retry: { retries: 10 },
      maxWaitTimeInMs: 1_000,
    },
    subscribe: { fromBeginning: options.fromBeginning ?? true },
    run: { autoCommit: false, partitionsConsumedConcurrently: options.partitionsConsumedConcurrently ?? 3 },
    parser: { keepBinary: true },
  };
  return { strategy: new InboxKafkaServer(kafkaOptions, Math.max(1, options.maxInFlightPerPartition ?? 200)) };
}

/** Marks the method that receives every message of `topic` (hand each to InboxService.consume). */
export const ConsumeTopic = (topic: string | string[]): MethodDecorator =>
  EventPattern<string | string[]>(topic, Transport.KAFKA);

/**
 * Creates the topics a consumer subscribes to if they do not exist yet, and waits for their leaders.
 * Subscribing to a topic nobody has written to fails at start-up ("This server does not host this
 * topic-partition") even with auto-creation on, and a portal's command topic may well be empty.
 */
export async function ensureTopics(brokers: string[], topics: string[], numPartitions = 3): Promise<void> {
  const admin = new Kafka({ clientId: 'sanshe-topic-setup', brokers, logLevel: logLevel.NOTHING }).admin();
  await admin.connect();
  try {
    const existing = new Set(await admin.listTopics());
    const missing = topics.filter((topic) => !existing.has(topic));
    if (missing.length > 0) {
      await admin.createTopics({ topics: missing.map((topic) => ({ topic, numPartitions })), waitForLeaders: true });
    }
  } finally {
    await admin.disconnect();
  }
}
