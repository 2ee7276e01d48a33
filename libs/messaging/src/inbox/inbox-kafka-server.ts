import { type KafkaOptions, ServerKafka } from '@nestjs/microservices';
import type { Consumer, EachBatchPayload, EachMessagePayload, Kafka } from 'kafkajs';
import { errorMessage } from '@sanshe/common';
import { logicalTopic, topicOnWire } from '../topic-names';
import { BrokerTimeTopics } from './broker-time';
import type { HandedOverMessage, InboxHandoff } from './inbox-handoff';
import { runningConsumers, type TopicsTaker } from './running-consumers';
import { createMissingTopics } from './topic-setup';

/** kafkajs's default heartbeat interval, used when the consumer options set none. */
const DEFAULT_HEARTBEAT_INTERVAL_MS = 3_000;

/** The transport's side of one message's handoff: `whenQueued` settles once the inbox has queued it. */
class Handoff implements InboxHandoff {
  isDeferred = false;
  private markQueued: () => void = () => undefined;
  readonly whenQueued = new Promise<void>((resolve) => (this.markQueued = resolve));

  queued(): void {
    this.markQueued();
  }

  deferred(): void {
    this.isDeferred = true;
  }
}

/**
 * Nest's Kafka transport, reading with kafkajs `eachBatch` instead of `eachMessage`, so that the inbox
 * can apply several messages of a partition in one transaction. Everything Nest does per message
 * (deserializer, guards, pipes, interceptors, the @ConsumeTopic handler) is unchanged: each message
 * still goes through `handleMessage`. What changes is when the next one is handed over: as soon as
 * the previous one is queued by InboxService (InboxHandoff.queued) or has finished, with at most
 * `maxInFlight` unfinished per partition, always in offset order. Offsets are resolved (kafkajs's
 * fetch position; InboxService commits) in order, for messages that finished; at the first one that
 * failed, the partition stops there and the error goes to kafkajs, which delivers it again (as with
 * eachMessage) — unless the inbox deferred it (InboxHandoff.deferred). It stops handing over messages when
 * the partition is paused, the consumer stops or a rebalance made the batch stale; the rest are
 * fetched again.
 * While a batch is in progress (a long transaction, a slow handler), a timer sends the group heartbeats
 * at the consumer's heartbeat interval, so that the group does not evict the consumer and rebalance.
 * Each handed-over message carries `brokerTime` when its topic uses LogAppendTime (BrokerTimeTopics).
 * Handlers are registered under logical topic names; the consumer subscribes to them with `topicPrefix` before
 * each (topic-names.ts), and a message's topic on the wire finds its handler by its logical name.
 */
export class InboxKafkaServer extends ServerKafka implements TopicsTaker {
  private readonly brokerTimeTopics = new BrokerTimeTopics(() => (this.client as Kafka).admin());
  /** consumeAlso's restarts, one at a time; close waits for the one running. */
  private restarts: Promise<unknown> = Promise.resolve();
  private closing = false;

  constructor(
    options: Required<KafkaOptions>['options'],
    private readonly maxInFlight: number,
    private readonly topicPrefix = '',
  ) {
    super(options);
  }

  private readonly onWire = (topics: string[]) => topics.map((topic) => topicOnWire(this.topicPrefix, topic));

  /** Nest looks a message's handler up by the topic it was read from: its name on the wire. */
  override getHandlerByPattern(pattern: string): ReturnType<ServerKafka['getHandlerByPattern']> {
    return super.getHandlerByPattern(logicalTopic(this.topicPrefix, pattern));
  }

  override async bindEvents(consumer: Parameters<ServerKafka['bindEvents']>[0]): Promise<void> {
    const patterns = this.onWire([...this.messageHandlers.keys()]);
    if (patterns.length > 0) await consumer.subscribe({ ...(this.options.subscribe ?? {}), topics: patterns });
    await this.prefetchBrokerTime(patterns);
    await this.run(consumer as unknown as Consumer);
    runningConsumers.add(this.groupId, this);
  }

  override async close(): Promise<void> {
    this.closing = true;
    runningConsumers.remove(this.groupId, this);
    await this.restarts;
    await super.close();
  }

  /**
   * Takes on `topics` while running, each handled as `likeTopic` is (its @ConsumeTopic handler), read from
   * the beginning where the group has no committed offset (a new portal's topic is new). kafkajs cannot add
   * a subscription to a running consumer: the topics are created if missing, then the consumer stops (its
   * running batches finish first: handOver hands nothing more over once it stops), subscribes to them as
   * well and runs again, rejoining the group. Nothing is lost or applied twice: the inbox commits an offset
   * only after its event's transaction, so what was not committed comes again and the inbox absorbs what
   * was applied. Never call it from a handler: stopping waits for that handler's batch. Resolves with the
   * topics newly taken on ([] when all were consumed already); restarts run one at a time.
   */
  consumeAlso(topics: string[], likeTopic: string): Promise<string[]> {
    const taken = this.restarts.then(() => this.takeOn(topics, likeTopic));
    this.restarts = taken.catch(() => undefined);
    return taken;
  }

  private async takeOn(topics: string[], likeTopic: string): Promise<string[]> {
    const handler = this.messageHandlers.get(likeTopic);
    if (!handler) throw new Error(`no @ConsumeTopic handler for ${likeTopic} to take ${topics.join(', ')} on with`);
    const added = [...new Set(topics)].filter((topic) => !this.messageHandlers.has(topic));
    const consumer = this.consumer as unknown as Consumer | null;
    if (added.length === 0 || this.closing || !consumer) return [];
    const admin = (this.client as Kafka).admin();
    await admin.connect();
    try {
      await createMissingTopics(admin, this.onWire(added), 3, (message) => this.logger.warn(message));
    } finally {
      await admin.disconnect();
    }
    await consumer.stop();
    // The handlers first: kafkajs may keep a subscription whose request failed, and runs it.
    for (const topic of added) this.messageHandlers.set(topic, handler);
    try {
      await consumer.subscribe({ topics: this.onWire(added), fromBeginning: true });
      await this.prefetchBrokerTime(this.onWire(added));
    } finally {
      await this.run(consumer); // with or without them: the consumer must not stay stopped
    }
    this.logger.log(`now also consuming ${added.join(', ')} (as ${likeTopic})`);
    return added;
  }

  private async prefetchBrokerTime(topics: string[]): Promise<void> {
    // Read once here; a topic whose lookup fails is asked again by its first batch (handleBatch).
    await this.brokerTimeTopics
      .prefetch(topics)
      .catch((err: unknown) => this.logger.warn(`could not read the topics' timestamp types: ${errorMessage(err)}`));
  }

  private async run(consumer: Consumer): Promise<void> {
    await consumer.run({
      ...(this.options.run ?? {}),
      eachBatchAutoResolve: false,
      eachBatch: (payload) => this.handleBatch(payload),
    });
  }

  private async handleBatch(payload: EachBatchPayload): Promise<void> {
    const { batch, heartbeat } = payload;
    // Before anything is handed over: a failed lookup makes kafkajs deliver the batch again.
    const brokerTime = await this.brokerTimeTopics.isBrokerTime(batch.topic);
    const interval = this.options.consumer?.heartbeatInterval ?? DEFAULT_HEARTBEAT_INTERVAL_MS;
    // A failed heartbeat (a rebalance began, the consumer stopped) makes the batch stale: handOver stops.
    const heartbeats = setInterval(() => void heartbeat().catch(() => undefined), interval);
    heartbeats.unref(); // a batch that never ends must not keep the process alive on its own
    try {
      await this.handOver(payload, brokerTime);
    } finally {
      clearInterval(heartbeats);
    }
  }

  private async handOver(payload: EachBatchPayload, brokerTime: boolean): Promise<void> {
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
      const handoff = new Handoff();
      const handedOver: HandedOverMessage = {
        ...message,
        inboxHandoff: handoff,
        ...(brokerTime ? { brokerTime: Number(message.timestamp) } : {}),
      };
      const handed: EachMessagePayload = { topic, partition, message: handedOver, heartbeat, pause };
      const ok = this.handleMessage(handed as never).then(
        () => true,
        (error: unknown) => {
          failed = true;
          if (!handoff.isDeferred) failure ??= { error };
          return false;
        },
      );
      unfinished.push({ offset: message.offset, ok });
      await Promise.race([handoff.whenQueued, ok]);
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
