import 'reflect-metadata';
import type { DynamicModule, INestApplication } from '@nestjs/common';
import { InvalidEnvironmentError, kafkaClientSecurity, type ServiceName } from '@sanshe/config';
import { deadLetterTopic } from '@sanshe/contracts';
import { ensureTopics, kafkaConsumerTransport } from '@sanshe/messaging';
import { logJsonBeforeTheApp, loggingFromEnv, runService } from '@sanshe/nest-platform';
import { loadServiceConfig, type ServiceConfig } from './service-config';
import { consumerGroupOf } from './service-kit.module';

export interface BootOptions<Prepared> {
  /**
   * Runs once before the module is built (after the environment is validated), for what the module's
   * shape depends on and only I/O can tell, e.g. which topics to consume; its result is handed to
   * `appModule` and `consumes`. A failure stops the boot.
   */
  prepare?: (config: ServiceConfig) => Promise<Prepared>;
  /** Set when the service consumes events: the topics its @ConsumeTopic handlers read. */
  consumes?: (config: ServiceConfig, prepared: Prepared) => string[];
}

/** A service's main(): validate the environment, prepare, build the app module from both, listen. */
export function bootService<Prepared = undefined>(
  service: ServiceName,
  description: string,
  appModule: (config: ServiceConfig, prepared: Prepared) => DynamicModule,
  options: BootOptions<Prepared> = {},
): void {
  const start = async () => {
    const config = loadServiceConfig(service, process.env);
    logJsonBeforeTheApp(service, loggingFromEnv(config)); // what `prepare` logs is JSON too
    const prepared = (options.prepare ? await options.prepare(config) : undefined) as Prepared;
    const { consumes } = options;
    await runService(appModule(config, prepared), {
      name: service,
      description,
      host: config.HOST,
      port: config.PORT,
      logging: loggingFromEnv(config), // JSON lines (LOG_LEVEL, LOG_FORMAT, LOG_REDACT_PATHS)
      // The @ConsumeTopic handlers receive messages through Nest's Kafka transport, in the service's own group.
      ...(consumes ? { beforeListen: (app) => startConsumer(app, config, consumes(config, prepared)) } : {}),
    });
  };
  start().catch((err: unknown) => {
    console.error(err instanceof InvalidEnvironmentError ? `${service}: ${err.message}` : err);
    process.exit(1);
  });
}

export async function startConsumer(app: INestApplication, config: ServiceConfig, topics: string[]): Promise<void> {
  const group = consumerGroupOf(config);
  const endpoint = {
    brokers: config.KAFKA_BROKERS,
    security: kafkaClientSecurity(config),
    topicPrefix: config.KAFKA_TOPIC_PREFIX,
  };
  // Its dead letters' topic too: a broker that creates no topic (auto-create off, as when secured) refuses the
  // first dead letter of a group whose topic nobody made (infra/local makes the services' own).
  await ensureTopics(endpoint, [...topics, deadLetterTopic(group)]);
  app.connectMicroservice(
    kafkaConsumerTransport({
      ...endpoint,
      clientId: group,
      groupId: group,
      fromBeginning: config.KAFKA_FROM_BEGINNING,
      sessionTimeout: config.KAFKA_SESSION_TIMEOUT_MS,
    }),
  );
  await app.startAllMicroservices();
}
