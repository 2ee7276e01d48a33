import {
  type BeforeApplicationShutdown,
  Inject,
  Injectable,
  Logger,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
} from '@nestjs/common';
import type { KafkaContext } from '@nestjs/microservices';
import { getDataSourceToken } from '@nestjs/typeorm';
import type { Consumer, Producer } from 'kafkajs';
import type { DataSource } from 'typeorm';
import { HealthRegistry } from '@sanshe/nest-platform';
import { KafkaConnection } from '../kafka.module';
import { MESSAGING_OPTIONS, type MessagingOptions } from '../messaging-options';
import { DeadLetterPublisher } from './dead-letters';
import type { EventHandlers } from './event-handlers';
import { brokerTimeOf, deferMessage, handoffOf } from './inbox-handoff';
import { InboxProcessor } from './inbox-processor';
import { InboxPruner } from './inbox-pruner';
import { InboxTable } from './inbox-table';
import type { IncomingMessage, Outcome } from './incoming-message';
import { OffsetCommitter } from './offset-committer';
import { PartitionQueue } from './partition-queue';

/**
 * The consuming side, for @EventPattern handlers on the Kafka transport:
 *   @ConsumeTopic(contextTopic('organization'))
 *   onOrganizationEvent(@Payload() _raw: Buffer, @Ctx() ctx: KafkaContext) {
 *     return this.inbox.consume(ctx, { 'sanshe.organization.proposal.submitted.v1': (event, manager) => … });
 *   }
 * Messages of one partition are applied in order, several per inbox transaction when the transport
 * hands them over faster than they are applied (batchMaxSize; PartitionQueue, InboxProcessor.processBatch).
 * An offset is committed only after its event's inbox transaction (or dead letter) is done, in
 * batches (OffsetCommitter): a crash in between redelivers events that the inbox then absorbs.
 * Shutdown is "finish in-flight messages, commit, then disconnect": see beforeApplicationShutdown.
 */
@Injectable()
export class InboxService implements OnApplicationBootstrap, BeforeApplicationShutdown, OnApplicationShutdown {
  private readonly logger = new Logger('Inbox');
  private readonly producer: Producer;
  private readonly offsets: OffsetCommitter;
  private readonly drainTimeoutMs: number;
  private readonly batchMaxSize: number;
  /** The consumers (Nest's Kafka transport) that delivered to us, and their topics: what to pause on shutdown. */
  private readonly topics = new Map<Consumer, Set<string>>();
  /** Per consumer, one queue per `topic:partition`. */
  private readonly queues = new Map<Consumer, Map<string, PartitionQueue>>();
  private inFlight = 0;
  private onIdle?: () => void;
  private draining = false;
  /** Partitions paused for a retry's backoff, to resume when it ends. */
  private readonly retryTimers = new Set<NodeJS.Timeout>();
  /** The dead-letter producer connects on first use (Kafka may be away at boot). */
  private connected?: Promise<void>;
  readonly processor: InboxProcessor;
  /** Deletes this consumer's inbox rows past the retention, on an interval. */
  readonly pruner: InboxPruner;
  /** The inbox's name, which is also its consumer group's. */
  readonly consumerGroup: string;

  constructor(
    @Inject(MESSAGING_OPTIONS) options: MessagingOptions,
    @Inject(getDataSourceToken()) dataSource: DataSource,
    kafka: KafkaConnection,
    health: HealthRegistry,
  ) {
    if (!options.consumer) throw new Error('MessagingModule: set `consumer` to consume events');
    health.register({
      name: 'inbox',
      // A stall is not the service being down: still "up", with the held partitions shown.
      check: async () => ({
        consumer: options.consumer?.consumer,
        ...this.processor.counts,
        stalled: this.processor.stalls.list().map((stall) => ({ ...stall, since: stall.since.toISOString() })),
      }),
    });
    this.producer = kafka.createProducer();
    const log = (message: string) => this.logger.warn(message);
    const {
      commitIntervalMs,
      commitMaxPending,
      drainTimeoutMs = 10_000,
      batchMaxSize = 100,
      inboxRetentionMs,
      inboxPruneIntervalMs,
      inboxPruneBatchSize,
      ...processorOptions
    } = options.consumer;
    this.consumerGroup = options.consumer.consumer;
    this.offsets = new OffsetCommitter(log, commitIntervalMs, commitMaxPending);
    this.drainTimeoutMs = drainTimeoutMs;
    this.batchMaxSize = Math.max(1, batchMaxSize);
    const { topicPrefix } = kafka.options;
    const deadLetters = new DeadLetterPublisher(this.producer, options.consumer.consumer, log, topicPrefix);
    const alert = (message: string) => this.logger.error(message);
    const schema = options.schema;
    const processing = { ...processorOptions, schema, log, alert, topicPrefix };
    this.processor = new InboxProcessor(dataSource, deadLetters, processing);
    const inbox = new InboxTable(schema, options.consumer.consumer);
    const pruneOptions = { inboxRetentionMs, inboxPruneIntervalMs, inboxPruneBatchSize };
    this.pruner = new InboxPruner(dataSource, inbox, pruneOptions, (message) => this.logger.log(message));
  }

  onApplicationBootstrap(): void {
    this.pruner.start();
  }

  /**
   * Applies the message's event (see the class comment) and resolves with the outcome once its inbox
   * transaction has committed (or it was dead-lettered, ignored, or found to be a duplicate). Messages
   * are queued per partition and applied in order, in batches of what arrived while the previous
   * batch ran; Nest's Kafka transport as set up by kafkaConsumerTransport hands over a partition's
   * next message as soon as this one is queued.
   */
  async consume(context: KafkaContext, handlers: EventHandlers): Promise<Outcome> {
    const raw = context.getMessage();
    const handoff = handoffOf(context);
    const [consumer, topic, partition] = [context.getConsumer(), context.getTopic(), context.getPartition()];
    if (!this.topics.get(consumer)?.add(topic)) this.heardFrom(consumer, topic);
    if (this.draining) {
      // Shutting down: finish what runs, apply nothing new. Not committed, so it is delivered again after the restart.
      this.pause(consumer, [topic]); // a topic first heard of during the drain
      throw deferMessage(handoff);
    }
    this.inFlight++;
    try {
      await this.connectProducer();
      if (this.draining) throw deferMessage(handoff); // shutdown began meanwhile
      const { offset, timestamp, key, value, headers } = raw;
      const brokerTime = brokerTimeOf(context);
      const message: IncomingMessage = {
        ...{ topic, partition, offset, timestamp, key, value, headers },
        ...(brokerTime === undefined ? {} : { brokerTime }),
      };
      const queue = this.queueOf(consumer, topic, partition);
      const outcome = queue.add({ message, handlers, handoff });
      handoff?.queued(); // the transport may hand over the partition's next message now
      queue.schedule();
      return await outcome;
    } finally {
      if (--this.inFlight === 0) this.onIdle?.();
    }
  }

  /**
   * Nest runs this before it closes the Kafka transport (NestApplication.dispose), which disconnects
   * the consumer: kafkajs silently drops a commit once the consumer has begun stopping, so
   * onApplicationShutdown is too late to commit. Here the consumer still runs: pause every topic,
   * let the running batches finish, commit. Messages queued behind them, or handed over from now on,
   * are not applied (MessageDeferredError): they are delivered again after the restart. Nest then
   * disconnects.
   */
  async beforeApplicationShutdown(): Promise<void> {
    this.draining = true;
    const pruned = this.pruner.stop();
    for (const timer of this.retryTimers) clearTimeout(timer);
    for (const [consumer, topics] of this.topics) this.pause(consumer, [...topics]);
    // Messages queued behind the running batches are not started: they are left to redelivery.
    for (const queues of this.queues.values())
      for (const queue of queues.values())
        for (const queued of queue.takeWaiting()) queued.reject(deferMessage(queued.handoff));
    if (this.inFlight > 0 && !(await this.drained()))
      this.logger.warn(
        `${this.inFlight} message(s) still in flight after ${this.drainTimeoutMs} ms: committing without them; ` +
          'they are redelivered after the restart and the inbox absorbs any that were applied',
      );
    await this.offsets.flush();
    await pruned;
  }

  /** Commits the offsets of the events applied so far now, rather than at the next interval (LiveTopics). */
  commitApplied(): Promise<void> {
    return this.offsets.flush();
  }

  /** Normally nothing is left to commit here; what is (a drain that timed out) is redelivered. */
  async onApplicationShutdown(): Promise<void> {
    await this.offsets.flush();
    await this.producer.disconnect();
  }

  /** A consumer's first message: after each rebalance, forget what waited on partitions it lost. */
  private heardFrom(consumer: Consumer, topic: string): void {
    this.topics.set(consumer, new Set([topic]));
    consumer.on(consumer.events.GROUP_JOIN, ({ payload }) => {
      const assigned = (t: string, p: number) => payload.memberAssignment[t]?.includes(p) ?? false;
      this.processor.stalls.keepOnly(assigned);
      for (const [key, queue] of this.queues.get(consumer) ?? []) {
        const colon = key.lastIndexOf(':'); // `topic:partition`
        if (!assigned(key.slice(0, colon), Number(key.slice(colon + 1)))) queue.reassigned();
      }
    });
  }

  private connectProducer(): Promise<void> {
    this.connected ??= this.producer.connect().catch((err: unknown) => {
      this.connected = undefined; // try again with the next message
      throw err;
    });
    return this.connected;
  }

  private queueOf(consumer: Consumer, topic: string, partition: number): PartitionQueue {
    let queues = this.queues.get(consumer);
    if (!queues) this.queues.set(consumer, (queues = new Map()));
    const key = `${topic}:${partition}`;
    let queue = queues.get(key);
    if (!queue) {
      queue = new PartitionQueue(
        this.batchMaxSize,
        (batch) => this.processor.processBatch(batch),
        (message) => this.offsets.processed(consumer, message.topic, message.partition, message.offset),
        (message) => this.retryLater(consumer, message),
      );
      queues.set(key, queue);
    }
    return queue;
  }

  /**
   * `message` failed transiently: pause its partition alone for the backoff, then resume it, and kafkajs
   * fetches again from that message (nothing after it was resolved). The transport's eachBatch returns
   * meanwhile, so the consumer keeps heartbeating, holds no transaction, and its other partitions flow.
   */
  private retryLater(consumer: Consumer, message: IncomingMessage): void {
    const { topic, partition } = message;
    const stall = this.processor.stalls.at(message);
    const partitions = [{ topic, partitions: [partition] }];
    try {
      consumer.pause(partitions);
    } catch (err) {
      this.logger.warn(`could not pause ${topic}/${partition}: ${String(err)}`); // kafkajs redelivers it anyway
      return;
    }
    const timer = setTimeout(
      () => {
        this.retryTimers.delete(timer);
        if (this.draining) return; // paused for good: redelivered after the restart
        try {
          consumer.resume(partitions);
        } catch (err) {
          this.logger.warn(`could not resume ${topic}/${partition}: ${String(err)}`);
        }
      },
      stall ? this.processor.stalls.retryDelay(stall) : 0,
    );
    this.retryTimers.add(timer);
  }

  /** Waits until no message is in flight: true, or false after drainTimeoutMs. */
  private async drained(): Promise<boolean> {
    let timer: NodeJS.Timeout | undefined;
    const drained = await Promise.race([
      new Promise<true>((resolve) => (this.onIdle = () => resolve(true))),
      new Promise<false>((resolve) => (timer = setTimeout(() => resolve(false), this.drainTimeoutMs))),
    ]);
    clearTimeout(timer);
    return drained;
  }

  /** Fetch no more from these topics. The messages already handed to us still arrive and finish. */
  private pause(consumer: Consumer, topics: string[]): void {
    try {
      consumer.pause(topics.map((topic) => ({ topic })));
    } catch (err) {
      this.logger.warn(`could not pause ${topics.join(', ')}: ${String(err)}`); // e.g. the consumer crashed
    }
  }
}
