import { Controller, type INestApplication, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { Ctx, type KafkaContext, Payload } from '@nestjs/microservices';
import { type Consumer, type KafkaMessage } from 'kafkajs';
import { DataSource, type MigrationInterface, type QueryRunner } from 'typeorm';
import {
  createEvent,
  deadLetterTopic,
  type EventType,
  type NewEvent,
  proposalSubmitted,
  type SansheEvent,
} from '@sanshe/contracts';
import { HealthModule } from '@sanshe/nest-platform';
import { migrate, PostgresModule, schemaOf, serviceDataSourceOptions } from '@sanshe/persistence';
import { eventually, parseTestEnv, testKafka, testKafkaEndpoint, uniqueName } from '@sanshe/testing';
import {
  BROKER_TIME_TOPIC_CONFIG,
  ConsumeTopic,
  createReliableProducer,
  type DeadLetterPublisher,
  ensureTopics,
  type Delivery,
  type EventHandler,
  type EventHandlers,
  type InboxOptions,
  type InboxKafkaServer,
  InboxService,
  type IncomingMessage,
  KafkaModule,
  kafkaConsumerTransport,
  MESSAGING_MIGRATIONS,
  MessagingModule,
  OutboxRelay,
  OutboxWriter,
} from '../src';

export const env = parseTestEnv(process.env);
export const kafkaEndpoint = testKafkaEndpoint(env);
export const kafka = testKafka('messaging-test');

/** A topic as the platform creates it: 3 partitions, stamped with the broker's append time. */
export const brokerTimeTopic = (topic: string) => ({
  topic,
  numPartitions: 3,
  configEntries: BROKER_TIME_TOPIC_CONFIG,
});

/** What the test consumer does with each event: one row per applied event, in the order applied. */
class CreateEffects1764201700000 implements MigrationInterface {
  async up(runner: QueryRunner): Promise<void> {
    await runner.query(
      `CREATE TABLE ${schemaOf(runner)}.effects (n bigserial PRIMARY KEY, event_id text NOT NULL, subject text NOT NULL, seq int NOT NULL)`,
    );
  }
  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`DROP TABLE ${schemaOf(runner)}.effects`);
  }
}

/**
 * A fresh schema with outbox, inbox and effects tables, and a topic of its own. `messagingMigrations`:
 * only some of libs/messaging's migrations at first (an older inbox); `upgrade()` applies the rest.
 */
export async function messagingFixture(
  prefix: string,
  messagingMigrations: readonly Function[] = MESSAGING_MIGRATIONS,
) {
  const schema = uniqueName(prefix).replace(/-/g, '_');
  const topic = uniqueName(`${prefix}-events`);
  const options = {
    url: env.DATABASE_URL,
    schema,
    migrations: [...MESSAGING_MIGRATIONS, CreateEffects1764201700000],
  };
  await migrate({ ...options, migrations: [...messagingMigrations, CreateEffects1764201700000] });
  await ensureTopics(kafkaEndpoint, [topic]); // as the services make theirs: 3 partitions, LogAppendTime
  const dataSource = await new DataSource(serviceDataSourceOptions(options)).initialize();
  const writer = new OutboxWriter({ schema, source: 'sanshe/organization', topicFor: () => topic });
  return {
    schema,
    topic,
    dataSource,
    writer,
    upgrade: () => migrate(options),
    newDataSource: () => new DataSource(serviceDataSourceOptions({ ...options, poolSize: 4 })).initialize(),
    effects: async () =>
      (await dataSource.query(`SELECT event_id, subject, seq FROM "${schema}".effects ORDER BY n`)) as {
        event_id: string;
        subject: string;
        seq: number;
      }[],
    unsent: async () =>
      Number(
        (
          (await dataSource.query(`SELECT count(*) AS c FROM "${schema}".outbox WHERE sent_at IS NULL`)) as {
            c: string;
          }[]
        )[0]!.c,
      ),
    /** Publishes everything in the outbox to Kafka (a relay on all lanes until nothing is unsent), then stops. */
    async relayAll() {
      const producer = createReliableProducer(kafka);
      await producer.connect();
      const relay = new OutboxRelay(dataSource, producer, { schema, lanesPerClaim: 16 });
      relay.start();
      try {
        await eventually(async () => expect(await this.unsent()).toBe(0), { timeoutMs: 30_000 });
      } finally {
        await relay.stop();
        await producer.disconnect();
      }
    },
    async cleanup() {
      await dataSource.query(`DROP SCHEMA "${schema}" CASCADE`);
      await dataSource.destroy();
    },
  };
}

/** proposal.submitted for aggregate `subject`, carrying its sequence number in the title. */
export function proposalEvent(
  subject: string,
  seq: number,
): Omit<NewEvent<'sanshe.organization.proposal.submitted.v1'>, 'source'> {
  return {
    type: 'sanshe.organization.proposal.submitted.v1',
    subject,
    data: { ...proposalSubmitted.example, proposalId: subject, title: `#${seq}` },
  };
}

/** proposal.submitted as the inbox receives it from Kafka, with the given CloudEvents identity (source, id). */
export function incomingProposal(
  subject: string,
  seq: number,
  identity: { id: string; source?: string },
  offset: number | string = 0,
): IncomingMessage {
  const event = createEvent({ ...proposalEvent(subject, seq), source: 'sanshe/organization', ...identity });
  return {
    topic: 't',
    partition: 0,
    offset: String(offset),
    timestamp: String(Date.now()),
    key: subject,
    value: JSON.stringify(event),
  };
}

export const seqOf = (event: SansheEvent<'sanshe.organization.proposal.submitted.v1'>) =>
  Number(event.data.title.slice(1));

/** For an InboxProcessor in tests where nothing may be dead-lettered: any attempt fails the test. */
export const noDeadLetters = {
  publish: () => Promise.reject(new Error('nothing in these tests should be dead-lettered')),
} as unknown as DeadLetterPublisher;

/** Handlers that record each applied proposal in the fixture's effects table. */
export const recordIn = (fx: { schema: string }): EventHandlers => ({
  'sanshe.organization.proposal.submitted.v1': async (event, manager) => {
    await manager.query(`INSERT INTO "${fx.schema}".effects (event_id, subject, seq) VALUES ($1, $2, $3)`, [
      event.id,
      event.subject,
      seqOf(event),
    ]);
  },
});

/** A `beforeEffect` for startConsumerApp: the events of aggregate `poison` always fail their handler. */
export const breakOnPoison = (event: SansheEvent): void => {
  if (event.subject === 'poison') throw new Error('this proposal always breaks the handler');
};

/** A Nest app consuming `topic` through the Kafka transport and InboxService, recording effects. */
export async function startConsumerApp(options: {
  schema: string;
  topic: string | string[];
  /** Throw from here to make an event fail; return a promise to make it slow. */
  beforeEffect?: (event: SansheEvent, delivery: Delivery) => void | Promise<void>;
  /** More inbox options (offset commit batching, drain timeout, retries and their deadline). */
  consumer?: Partial<InboxOptions>;
  /** The consumer group's session timeout (kafkajs: 30 s). */
  sessionTimeout?: number;
  /** KAFKA_TOPIC_PREFIX: the consumer reads, creates and dead-letters to its topics with it before each. */
  topicPrefix?: string;
}): Promise<{ app: INestApplication; inbox: InboxService; groupId: string; kafkaConsumer: () => Consumer }> {
  const groupId = uniqueName('consumer');
  const endpoint = { ...kafkaEndpoint, topicPrefix: options.topicPrefix };
  const applyProposal: EventHandler<'sanshe.organization.proposal.submitted.v1'> = async (event, manager, delivery) => {
    await options.beforeEffect?.(event, delivery);
    await manager.query(`INSERT INTO "${options.schema}".effects (event_id, subject, seq) VALUES ($1, $2, $3)`, [
      event.id,
      event.subject,
      seqOf(event),
    ]);
  };

  @Controller()
  class ProposalConsumer {
    constructor(private readonly inbox: InboxService) {}
    @ConsumeTopic(options.topic)
    onEvent(@Payload() _raw: Buffer, @Ctx() context: KafkaContext) {
      return this.inbox.consume(context, { 'sanshe.organization.proposal.submitted.v1': applyProposal } as {
        [T in EventType]?: EventHandler<T>;
      });
    }
  }

  @Module({
    imports: [
      HealthModule,
      PostgresModule.forRootAsync({ useFactory: () => ({ url: env.DATABASE_URL, schema: options.schema }) }),
      KafkaModule.forRootAsync({ useFactory: () => ({ clientId: groupId, ...endpoint }) }),
      MessagingModule.forRoot({
        schema: options.schema,
        source: 'sanshe/test',
        relay: { enabled: false },
        consumer: { consumer: groupId, retryDelayMs: 100, ...options.consumer },
      }),
    ],
    controllers: [ProposalConsumer],
  })
  class ConsumerModule {}

  // Its dead-letter topic exists before any letter, as a service's boot makes it: the broker creates no topic.
  await ensureTopics(endpoint, [deadLetterTopic(groupId)]);
  const app = await NestFactory.create(ConsumerModule, { logger: ['error'] });
  const { sessionTimeout } = options;
  const transport = kafkaConsumerTransport({ ...endpoint, clientId: groupId, groupId, sessionTimeout });
  app.connectMicroservice(transport);
  await app.startAllMicroservices();
  await app.init();
  const server = (transport as { strategy: InboxKafkaServer }).strategy;
  return { app, inbox: app.get(InboxService), groupId, kafkaConsumer: () => server.unwrap<[unknown, Consumer]>()[1] };
}

/**
 * Every message on `topic`, read from the beginning to its high-water marks, once at least `atLeast`
 * are there (waiting at most `timeoutMs`). It reads to the marks rather than stopping at a count, so
 * a duplicate beyond the expected messages shows: assert the exact length.
 */
export async function readTopic(topic: string, atLeast: number, timeoutMs = 30_000): Promise<KafkaMessage[]> {
  const deadline = Date.now() + timeoutMs;
  const { ends, nonEmpty } = await highWaterMarksOnceHolding(topic, atLeast, timeoutMs);
  const unread = new Set(nonEmpty);
  const consumer = kafka.consumer({ groupId: uniqueName('reader') });
  const messages: KafkaMessage[] = [];
  let timer: NodeJS.Timeout | undefined;
  try {
    await consumer.connect();
    await consumer.subscribe({ topic, fromBeginning: true });
    await new Promise<void>((resolve, reject) => {
      if (unread.size === 0) return resolve();
      const tooLate = () => new Error(`${topic}: read ${messages.length} messages, not yet to the high-water marks`);
      timer = setTimeout(() => reject(tooLate()), Math.max(0, deadline - Date.now()));
      void consumer.run({
        eachMessage: async ({ partition, message }) => {
          const end = ends.get(partition) ?? 0;
          if (Number(message.offset) >= end) return; // appended after the marks were read
          messages.push(message);
          if (Number(message.offset) + 1 >= end) unread.delete(partition);
          if (unread.size === 0) resolve();
        },
      });
    });
  } finally {
    clearTimeout(timer);
    await consumer.disconnect();
  }
  return messages;
}

/** Per partition, the high-water mark, read once the topic holds at least `atLeast` messages. */
async function highWaterMarksOnceHolding(topic: string, atLeast: number, timeoutMs: number) {
  const admin = kafka.admin();
  await admin.connect();
  try {
    // The topic may not exist yet (a dead-letter topic appears with its first message): create it.
    await ensureTopics(kafkaEndpoint, [topic]);
    return await eventually(
      async () => {
        const offsets = await admin.fetchTopicOffsets(topic);
        const held = offsets.reduce((sum, p) => sum + Number(p.high) - Number(p.low), 0);
        if (held < atLeast) throw new Error(`${topic}: ${held} of at least ${atLeast} messages after ${timeoutMs} ms`);
        return {
          ends: new Map(offsets.map((p) => [p.partition, Number(p.high)])),
          nonEmpty: offsets.filter((p) => Number(p.high) > Number(p.low)).map((p) => p.partition),
        };
      },
      { timeoutMs },
    );
  } finally {
    await admin.disconnect();
  }
}
