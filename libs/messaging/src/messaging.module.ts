import {
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
import type { Producer } from 'kafkajs';
import type { DataSource } from 'typeorm';
import { HealthRegistry } from '@sanshe/nest-platform';
import { DeadLetterPublisher } from './inbox/dead-letters';
import { type EventHandlers, InboxProcessor, type InboxProcessorOptions, type Outcome } from './inbox/inbox-processor';
import { OffsetCommitter } from './inbox/offset-committer';
import { KafkaConnection } from './kafka.module';
import { OutboxRelay, type OutboxRelayOptions } from './outbox/outbox-relay';
import { OutboxWriter, type OutboxWriterOptions } from './outbox/outbox-writer';

export interface MessagingOptions {
  /** The service's schema, where its outbox and inbox tables are. */
  schema: string;
  /** CloudEvents `source` for what this service publishes, e.g. `sanshe/organization`. */
  source: string;
  relay?: Omit<OutboxRelayOptions, 'schema' | 'log'> & { enabled?: boolean };
  topicFor?: OutboxWriterOptions['topicFor'];
  /** Set when the service consumes: its consumer group, inbox name and dead-letter topic suffix. */
  consumer?: Omit<InboxProcessorOptions, 'schema' | 'log'>;
}

const MESSAGING_OPTIONS = Symbol('MESSAGING_OPTIONS');
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
        this.logger.warn(
          `cannot reach Kafka yet (attempt ${attempt}): ${err instanceof Error ? err.message : String(err)}`,
        );
        await new Promise((resolve) => setTimeout(resolve, Math.min(500 * attempt, 5_000)));
      }
    }
  }

  private async check(): Promise<Record<string, unknown>> {
    const [{ unsent, oldest }] = (await this.dataSource.query(
      `SELECT count(*)::int AS unsent, min(created_at) AS oldest FROM "${this.options.schema}".outbox WHERE sent_at IS NULL`,
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
 * An offset is committed only after its event's inbox transaction (or dead letter) is done, in
 * batches (OffsetCommitter): a crash in between redelivers events that the inbox then absorbs.
 */
@Injectable()
export class InboxService implements OnApplicationShutdown {
  private readonly logger = new Logger('Inbox');
  private readonly producer: Producer;
  private readonly offsets = new OffsetCommitter((message) => this.logger.warn(message));
  /** The dead-letter producer connects on first use (Kafka may be away at boot). */
  private connected?: Promise<void>;
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
    const deadLetters = new DeadLetterPublisher(this.producer, options.consumer.consumer, log);
    this.processor = new InboxProcessor(dataSource, deadLetters, { ...options.consumer, schema: options.schema, log });
  }

  async consume(context: KafkaContext, handlers: EventHandlers): Promise<Outcome> {
    const message = context.getMessage();
    this.connected ??= this.producer.connect().catch((err: unknown) => {
      this.connected = undefined; // try again with the next message
      throw err;
    });
    await this.connected;
    const outcome = await this.processor.process(
      {
        topic: context.getTopic(),
        partition: context.getPartition(),
        offset: message.offset,
        key: message.key,
        value: message.value,
      },
      handlers,
    );
    this.offsets.processed(context.getConsumer(), context.getTopic(), context.getPartition(), message.offset);
    return outcome;
  }

  /** Nest closes the Kafka transport (in-flight messages finish) before this runs: commit what they did. */
  async onApplicationShutdown(): Promise<void> {
    await this.offsets.flush();
    await this.producer.disconnect();
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
