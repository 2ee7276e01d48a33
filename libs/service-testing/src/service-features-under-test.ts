import { type DynamicModule, type INestApplication, Module } from '@nestjs/common';
import { DataSource, type MixedList } from 'typeorm';
import { Kafka, logLevel, type Producer } from 'kafkajs';
import { authConfigOf, AuthModule, type TokenRequest } from '@sanshe/auth';
import { kafkaClientSecurity, type ServiceName } from '@sanshe/config';
import {
  createEvent,
  deadLetterTopic,
  type EventType,
  type NewEvent,
  portalReplyAwareTopic,
  type SansheEvent,
} from '@sanshe/contracts';
import {
  ensureTopics,
  type InboxOptions,
  kafkaClientConfig,
  KafkaModule,
  MessagingModule,
  topicOnWire,
} from '@sanshe/messaging';
import { createService, HealthModule, type LoggingOptions, MetricsModule } from '@sanshe/nest-platform';
import {
  migrate,
  PostgresModule,
  qualifiedTable,
  quoteIdentifier,
  serviceDataSourceOptions,
} from '@sanshe/persistence';
import {
  consumerGroupOf,
  loadServiceConfig,
  SERVICE_CONFIG,
  type ServiceConfig,
  startConsumer,
} from '@sanshe/service-kit';
import { devToken, startGroupAtTopicEnds, uniqueName } from '@sanshe/testing';

/** What a service's app passes: its name, migrations, consumed topics, consumer settings and feature modules. */
export interface ServiceFeatures {
  service: ServiceName;
  migrations: MixedList<Function>;
  /** The topics its one consumer reads. */
  topics: string[];
  /** Its inbox settings as its AppModule gives them to the service kit (retries are capped at 2 s here). */
  consumer: Omit<InboxOptions, 'consumer'>;
  /** Its feature modules without the service kit, from the test's environment. */
  featureModules(env: Record<string, string | undefined>): DynamicModule['imports'];
}

export interface ServiceFeaturesUnderTest {
  app: INestApplication;
  baseUrl: string;
  /** The test's own schema (migrated), where the service's tables, outbox and inbox are. */
  schema: string;
  /** The events the service wrote to its outbox for `subject` (the Kafka key), oldest first. */
  outboxOf(subject: string): Promise<SansheEvent[]>;
  /** Any SQL on the test's data source (use `schema` to name tables). */
  query<R = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<R[]>;
  /** Builds a valid event with this `source` and produces it to `topic` (logical: the prefix is added), keyed by its subject. */
  publish<T extends EventType>(
    topic: string,
    source: string,
    event: Omit<NewEvent<T>, 'source'>,
  ): Promise<SansheEvent<T>>;
  /** A development-issuer token the service trusts. */
  token(identity: TokenRequest): Promise<string>;
  /** Stops the service and drops its test schema. */
  close(): Promise<void>;
}

/** The service kit's pieces on a schema of the test's own (ServiceKitModule always uses the service's name). */
function testKit(features: ServiceFeatures, config: ServiceConfig, schema: string): DynamicModule {
  const configProvider = { provide: SERVICE_CONFIG, useValue: config };
  const group = consumerGroupOf(config);
  @Module({})
  class ServiceTestKit {}
  return {
    module: ServiceTestKit,
    global: true,
    imports: [
      HealthModule,
      MetricsModule,
      AuthModule.forRoot(authConfigOf(config, config.stateDir)),
      PostgresModule.forRootAsync({ useFactory: () => ({ url: config.DATABASE_URL, schema, poolSize: 4 }) }),
      KafkaModule.forRootAsync({
        useFactory: () => ({
          clientId: group,
          brokers: config.KAFKA_BROKERS,
          security: kafkaClientSecurity(config),
          topicPrefix: config.KAFKA_TOPIC_PREFIX,
        }),
      }),
      MessagingModule.forRoot({
        schema,
        source: `sanshe/${features.service}`,
        topicFor: portalReplyAwareTopic, // as ServiceKitModule: a reply to a portal goes to its replies topic
        consumer: { ...features.consumer, retryMaxDelayMs: 2_000, consumer: group },
      }),
    ],
    providers: [configProvider],
    exports: [configProvider],
  };
}

/** The app on the test's kit, its consumer started, listening on a free loopback port. */
async function bootFeatures(
  features: ServiceFeatures,
  config: ServiceConfig,
  schema: string,
  env: NodeJS.ProcessEnv,
  logging?: LoggingOptions,
): Promise<INestApplication> {
  @Module({})
  class ServiceTestApp {}
  const module: DynamicModule = {
    module: ServiceTestApp,
    imports: [testKit(features, config, schema), ...(features.featureModules(env) ?? [])],
  };
  const app = await createService(module, {
    name: features.service,
    description: `${features.service} under test`,
    host: '127.0.0.1',
    port: 0,
    silent: true,
    ...(logging ? { logging } : {}),
  });
  await startConsumer(app, config, features.topics);
  await app.listen(0, '127.0.0.1');
  return app;
}

/**
 * A service's real features on the real PostgreSQL (a migrated schema of the test's own) and the real
 * Kafka (a consumer group of its own, starting at the topics' current ends, and the real topics), over
 * HTTP on a free port. The outbox relay runs too, so what the service publishes reaches Kafka.
 */
export async function startServiceFeaturesUnderTest(
  features: ServiceFeatures,
  options: { env?: Record<string, string>; logging?: LoggingOptions } = {},
): Promise<ServiceFeaturesUnderTest> {
  const env = { ...process.env, ...options.env };
  const group = uniqueName(`${features.service}-test`);
  const schema = group.replace(/-/g, '_');
  const config = loadServiceConfig(features.service, { ...env, KAFKA_GROUP_ID: group, KAFKA_FROM_BEGINNING: 'false' });
  await migrate({ url: config.DATABASE_URL, schema, migrations: features.migrations });
  const topicPrefix = config.KAFKA_TOPIC_PREFIX;
  const endpoint = { brokers: config.KAFKA_BROKERS, security: kafkaClientSecurity(config), topicPrefix };
  const kafka = new Kafka(kafkaClientConfig(endpoint, { clientId: group, logLevel: logLevel.NOTHING }));
  await ensureTopics(endpoint, [...features.topics, deadLetterTopic(group)]); // a broker may create none
  await startGroupAtTopicEnds(
    kafka,
    group,
    features.topics.map((topic) => topicOnWire(topicPrefix, topic)),
  );
  const producer: Producer = kafka.producer({ idempotent: true });
  await producer.connect();
  const dataSource = new DataSource(serviceDataSourceOptions({ url: config.DATABASE_URL, schema, poolSize: 2 }));
  await dataSource.initialize();

  const app = await bootFeatures(features, config, schema, env, options.logging); // unset: Nest's logger off
  const { port } = app.getHttpServer().address() as { port: number };
  const query = <R>(sql: string, params: unknown[] = []) => dataSource.query<R[]>(sql, params);

  return {
    app,
    baseUrl: `http://127.0.0.1:${port}`,
    schema,
    query,
    async outboxOf(subject) {
      const rows = await query<{ payload: string }>(
        `SELECT payload FROM ${qualifiedTable(schema, 'outbox')} WHERE partition_key = $1 ORDER BY position`,
        [subject],
      );
      return rows.map((row) => JSON.parse(row.payload) as SansheEvent);
    },
    async publish<T extends EventType>(topic: string, source: string, event: Omit<NewEvent<T>, 'source'>) {
      const built = createEvent({ ...event, source } as NewEvent<T>);
      const message = { key: built.subject, value: JSON.stringify(built) };
      await producer.send({ topic: topicOnWire(topicPrefix, topic), messages: [message] });
      return built;
    },
    token: (identity) => devToken(identity),
    async close() {
      await app.close();
      await producer.disconnect();
      await dataSource.query(`DROP SCHEMA ${quoteIdentifier(schema)} CASCADE`);
      await dataSource.destroy();
    },
  };
}
