import {
  type BeforeApplicationShutdown,
  type DynamicModule,
  Inject,
  Injectable,
  Logger,
  Module,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
} from '@nestjs/common';
import type { KafkaContext } from '@nestjs/microservices';
import { getDataSourceToken } from '@nestjs/typeorm';
import type { Consumer, Producer } from 'kafkajs';
import type { DataSource } from 'typeorm';
import { errorMessage, sleep } from '@sanshe/common';
import { HealthRegistry } from '@sanshe/nest-platform';
import { qualifiedTable } from '@sanshe/persistence';
import { DeadLetterPublisher } from './inbox/dead-letters';
import {
  type EventHandlers,
  type IncomingMessage,
  InboxProcessor,
  type InboxProcessorOptions,
  type Outcome,
} from './inbox/inbox-processor';
import { OffsetCommitter } from './inbox/offset-committer';
import { acknowledgeQueued, MessageDeferredError } from './kafka-transport';
import { KafkaConnection } from './kafka.module';
import { OutboxRelay, type OutboxRelayOptions } from './outbox/outbox-relay';
import { OutboxWriter, type OutboxWriterOptions } from './outbox/outbox-writer';

/** The consuming side's options: the processor's, plus how offsets are committed. */
export interface InboxOptions extends Omit<InboxProcessorOptions, 'schema' | 'log'> {
  /** Offsets are committed at most this long after their event is applied (100 ms by default)… */
  commitIntervalMs?: number;
  /** …or as soon as this many messages wait for a commit (500 by default). */
  commitMaxPending?: number;
  /** On shutdown, how long to wait for in-flight messages before committing anyway (10 s by default). */
  drainTimeoutMs?: number;
  /**
   * At most this many messages of one partition share an inbox transaction (100 by default; 1 = one
   * transaction per message). A batch holds what the transport handed over while the previous one ran.
   */
  batchMaxSize?: number;
}

export interface MessagingOptions {
  /** The service's schema, where its outbox and inbox tables are. */
  schema: string;
  /** CloudEvents `source` for what this service publishes, e.g. `sanshe/organization`. */
  source: string;
  relay?: Omit<OutboxRelayOptions, 'schema' | 'log'> & { enabled?: boolean };
  topicFor?: OutboxWriterOptions['topicFor'];
  /** Set when the service consumes: its consumer group, inbox name and dead-letter topic suffix. */
  consumer?: InboxOptions;
}

const MESSAGING_OPTIONS = Symbol('MESSAGING_OPTIONS');

/** A message waiting in its partition's queue for the inbox, and who waits for its outcome. */
interface Queued {
  /** KafkaContext.getMessage(): the transport's ticket rides on it. */
  raw: object;
  message: IncomingMessage;
  handlers: EventHandlers;
  resolve: (outcome: Outcome) => void;
  reject: (err: unknown) => void;
}

/** One partition's messages, applied in order, one batch at a time. */
interface PartitionQueue {
  consumer: Consumer;
  waiting: Queued[];
  running: boolean;
  scheduled: boolean;
  /** A batch failed unexpectedly from this offset: later messages are refused until it is redelivered. */
  failedFrom?: bigint;
}
/** Stall threshold for /health: the relay has not finished a round in this long. */
const RELAY_STALE_MS = 30_000;

/** Runs the outbox relay for the app's lifetime and reports it on /health as "outbox". */
@Injectable()
export class OutboxRelayService implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('OutboxRelay');
  private readonly producer: Producer;
  readonly relay: OutboxRelay;

  constructor(
    @Inject(MESSAGING_OPTIONS) private readonly options: MessagingOptions,
    @Inject(getDataSourceToken()) private readonly dataSource: DataSource,
    kafka: KafkaConnection,
    health: HealthRegistry,
  ) {
    this.producer = kafka.createProducer();
    this.relay = new OutboxRelay(dataSource, this.producer, {
      ...options.relay,
      schema: options.schema,
      log: (message) => this.logger.warn(message),
    });
    health.register({ name: 'outbox', check: () => this.check() });
  }

  private starting?: Promise<void>;
  private stopping = false;

  /** Does not wait for Kafka: the service boots and writes to its outbox while Kafka is away; /health says so. */
  onApplicationBootstrap(): void {
    if (this.options.relay?.enabled === false) return;
    this.starting = this.connectThenStart();
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopping = true;
    await this.starting;
    await this.relay.stop();
    await this.producer.disconnect();
  }

  private async connectThenStart(): Promise<void> {
    for (let attempt = 1; !this.stopping; attempt++) {
      try {
        await this.producer.connect();
        this.relay.start();
        return;
      } catch (err) {
        this.logger.warn(`cannot reach Kafka yet (attempt ${attempt}): ${errorMessage(err)}`);
        await sleep(Math.min(500 * attempt, 5_000)); // 500, 1000, 1500 … ms: linear, which backoffDelay does not do
      }
    }
  }

  private async check(): Promise<Record<string, unknown>> {
    const [{ unsent, oldest }] = (await this.dataSource.query(
      `SELECT count(*)::int AS unsent, min(created_at) AS oldest FROM ${qualifiedTable(this.options.schema, 'outbox')} WHERE sent_at IS NULL`,
    )) as { unsent: number; oldest: Date | null }[];
    const enabled = this.options.relay?.enabled !== false;
    const lastRound = this.relay.lastSuccessAt;
    if (enabled && (!lastRound || Date.now() - lastRound.getTime() > RELAY_STALE_MS)) {
      throw new Error(
        `relay has not completed a round since ${lastRound?.toISOString() ?? 'start-up'}; ${unsent} unsent`,
      );
    }
    return { relay: enabled ? 'running' : 'disabled', unsent, oldestUnsent: oldest, published: this.relay.published };
  }
}

/**
 * The consuming side, for @EventPattern handlers on the Kafka transport:
 *   @ConsumeTopic(contextTopic('organization'))
 *   onOrganizationEvent(@Payload() _raw: Buffer, @Ctx() ctx: KafkaContext) {
 *     return this.inbox.consume(ctx, { 'sanshe.organization.proposal.submitted.v1': (event, manager) => … });
 *   }
 * Messages of one partition are applied in order, several per inbox transaction when the transport
 * hands them over faster than they are applied (batchMaxSize; see InboxProcessor.processBatch).
 * An offset is committed only after its event's inbox transaction (or dead letter) is done, in
 * batches (OffsetCommitter): a crash in between redelivers events that the inbox then absorbs.
 * Shutdown is "finish in-flight messages, commit, then disconnect": see beforeApplicationShutdown.
 */
@Injectable()
export class InboxService implements BeforeApplicationShutdown, OnApplicationShutdown {
  private readonly logger = new Logger('Inbox');
  private readonly producer: Producer;
  private readonly offsets: OffsetCommitter;
  private readonly drainTimeoutMs: number;
  /** The consumers (Nest's Kafka transport) that delivered to us, and their topics: what to pause on shutdown. */
  private readonly topics = new Map<Consumer, Set<string>>();
  private inFlight = 0;
  private onIdle?: () => void;
  private draining = false;
  /** The dead-letter producer connects on first use (Kafka may be away at boot). */
  private connected?: Promise<void>;
  private readonly batchMaxSize: number;
  private readonly queues = new Map<Consumer, Map<string, PartitionQueue>>();
  readonly processor: InboxProcessor;

  constructor(
    @Inject(MESSAGING_OPTIONS) options: MessagingOptions,
    @Inject(getDataSourceToken()) dataSource: DataSource,
    kafka: KafkaConnection,
    health: HealthRegistry,
  ) {
    if (!options.consumer) throw new Error('MessagingModule: set `consumer` to consume events');
    health.register({
      name: 'inbox',
      check: async () => ({ consumer: options.consumer?.consumer, ...this.processor.counts }),
    });
    this.producer = kafka.createProducer();
    const log = (message: string) => this.logger.warn(message);
    const {
      commitIntervalMs,
      commitMaxPending,
      drainTimeoutMs = 10_000,
      batchMaxSize = 100,
      ...processorOptions
    } = options.consumer;
    this.offsets = new OffsetCommitter(log, commitIntervalMs, commitMaxPending);
    this.drainTimeoutMs = drainTimeoutMs;
    this.batchMaxSize = Math.max(1, batchMaxSize);
    const deadLetters = new DeadLetterPublisher(this.producer, options.consumer.consumer, log);
    this.processor = new InboxProcessor(dataSource, deadLetters, { ...processorOptions, schema: options.schema, log });
  }

  /**
   * Applies the message's event (see the class comment) and resolves with the outcome once its inbox
   * transaction has committed (or it was dead-lettered, ignored, or found to be a duplicate). Messages
   * are queued per partition and applied in order, in batches of what arrived while the previous
   * batch ran (InboxProcessor.processBatch); Nest's Kafka transport as set up by
   * kafkaConsumerTransport hands over a partition's next message as soon as this one is queued.
   */
  async consume(context: KafkaContext, handlers: EventHandlers): Promise<Outcome> {
    const raw = context.getMessage();
    const [consumer, topic, partition] = [context.getConsumer(), context.getTopic(), context.getPartition()];
    if (!this.topics.get(consumer)?.add(topic)) this.topics.set(consumer, new Set([topic]));
    if (this.draining) {
      // Shutting down: finish what runs, apply nothing new. Not committed, so it is delivered again after the restart.
      this.pause(consumer, [topic]); // a topic first heard of during the drain
      throw new MessageDeferredError(raw);
    }
    this.inFlight++;
    try {
      this.connected ??= this.producer.connect().catch((err: unknown) => {
        this.connected = undefined; // try again with the next message
        throw err;
      });
      await this.connected;
      if (this.draining) throw new MessageDeferredError(raw); // shutdown began meanwhile
      const message = { topic, partition, offset: raw.offset, key: raw.key, value: raw.value };
      const queue = this.queueOf(consumer, topic, partition);
      if (queue.failedFrom !== undefined) {
        // Never apply (and commit past) a message while an earlier one of its partition failed: wait for kafkajs to redeliver.
        if (BigInt(message.offset) > queue.failedFrom) {
          throw new Error(`${topic}/${partition}@${message.offset}: refused, an earlier message failed`);
        }
        queue.failedFrom = undefined;
      }
      const outcome = new Promise<Outcome>((resolve, reject) =>
        queue.waiting.push({ raw, message, handlers, resolve, reject }),
      );
      acknowledgeQueued(raw); // the transport may hand over the partition's next message now
      this.schedule(queue);
      return await outcome;
    } finally {
      if (--this.inFlight === 0) this.onIdle?.();
    }
  }

  private queueOf(consumer: Consumer, topic: string, partition: number): PartitionQueue {
    let queues = this.queues.get(consumer);
    if (!queues) this.queues.set(consumer, (queues = new Map()));
    const key = `${topic}:${partition}`;
    let queue = queues.get(key);
    if (!queue) queues.set(key, (queue = { consumer, waiting: [], running: false, scheduled: false }));
    return queue;
  }

  /** Starts a batch now if one is full, else after the messages handed over in this turn of the event loop. */
  private schedule(queue: PartitionQueue): void {
    if (queue.running) return; // the running loop takes the new messages next
    if (queue.waiting.length >= this.batchMaxSize) void this.run(queue);
    else if (!queue.scheduled) {
      queue.scheduled = true;
      setImmediate(() => {
        queue.scheduled = false;
        void this.run(queue);
      });
    }
  }

  /** Applies the queue's messages batch after batch; marks offsets and resolves each, in order, after its batch. */
  private async run(queue: PartitionQueue): Promise<void> {
    if (queue.running) return;
    queue.running = true;
    try {
      while (queue.waiting.length > 0) {
        const batch = queue.waiting.splice(0, this.batchMaxSize);
        let outcomes: Outcome[];
        try {
          outcomes = await this.processor.processBatch(batch);
        } catch (err) {
          // Unexpected (failures are retried or dead-lettered inside): commit none of these, nor anything after them.
          queue.failedFrom = BigInt(batch[0]?.message.offset ?? '0');
          for (const queued of [...batch, ...queue.waiting.splice(0)]) queued.reject(err);
          continue;
        }
        for (const [i, { message, resolve }] of batch.entries()) {
          this.offsets.processed(queue.consumer, message.topic, message.partition, message.offset);
          resolve(outcomes[i] as Outcome); // one outcome per message
        }
      }
    } finally {
      queue.running = false;
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
    for (const [consumer, topics] of this.topics) this.pause(consumer, [...topics]);
    // Messages queued behind the running batches are not started: they are left to redelivery.
    for (const queues of this.queues.values())
      for (const queue of queues.values())
        for (const queued of queue.waiting.splice(0)) queued.reject(new MessageDeferredError(queued.raw));
    if (this.inFlight > 0) {
      let timer: NodeJS.Timeout | undefined;
      const drained = await Promise.race([
        new Promise<true>((resolve) => (this.onIdle = () => resolve(true))),
        new Promise<false>((resolve) => (timer = setTimeout(() => resolve(false), this.drainTimeoutMs))),
      ]);
      clearTimeout(timer);
      if (!drained)
        this.logger.warn(
          `${this.inFlight} message(s) still in flight after ${this.drainTimeoutMs} ms: committing without them; ` +
            'they are redelivered after the restart and the inbox absorbs any that were applied',
        );
    }
    await this.offsets.flush();
  }

  /** Normally nothing is left to commit here; what is (a drain that timed out) is redelivered. */
  async onApplicationShutdown(): Promise<void> {
    await this.offsets.flush();
    await this.producer.disconnect();
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

@Module({})
export class MessagingModule {
  static forRoot(options: MessagingOptions): DynamicModule {
    const writer = {
      provide: OutboxWriter,
      useValue: new OutboxWriter({ schema: options.schema, source: options.source, topicFor: options.topicFor }),
    };
    const providers = [{ provide: MESSAGING_OPTIONS, useValue: options }, writer, OutboxRelayService];
    const exported = [OutboxWriter, OutboxRelayService, ...(options.consumer ? [InboxService] : [])];
    return {
      module: MessagingModule,
      global: true,
      providers: options.consumer ? [...providers, InboxService] : providers,
      exports: exported,
    };
  }
}
