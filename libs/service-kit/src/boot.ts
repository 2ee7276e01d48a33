import 'reflect-metadata';
import type { DynamicModule, INestApplication } from '@nestjs/common';
import { InvalidEnvironmentError, type ServiceName } from '@sanshe/config';
import { ensureTopics, kafkaConsumerTransport } from '@sanshe/messaging';
import { runService } from '@sanshe/nest-platform';
import { loadServiceConfig, type ServiceConfig } from './service-config';
import { consumerGroupOf } from './service-kit.module';

/** A service's main(): validate the environment, build the app module from it, listen. */
export function bootService(
  service: ServiceName,
  description: string,
  appModule: (config: ServiceConfig) => DynamicModule,
  /** Set when the service consumes events: the topics its @ConsumeTopic handlers read. */
  options: { consumes?: (config: ServiceConfig) => string[] } = {},
): void {
  const start = async () => {
    const config = loadServiceConfig(service, process.env);
    await runService(appModule(config), {
      name: service,
      description,
      host: config.HOST,
      port: config.PORT,
      // The @ConsumeTopic handlers receive messages through Nest's Kafka transport, in the service's own group.
      ...(options.consumes ? { beforeListen: (app) => startConsumer(app, config, options.consumes!(config)) } : {}),
    });
  };
  start().catch((err: unknown) => {
    console.error(err instanceof InvalidEnvironmentError ? `${service}: ${err.message}` : err);
    process.exit(1);
  });
}

export async function startConsumer(app: INestApplication, config: ServiceConfig, topics: string[]): Promise<void> {
  const group = consumerGroupOf(config);
  await ensureTopics(config.KAFKA_BROKERS, topics);
  app.connectMicroservice(
    kafkaConsumerTransport({
      brokers: config.KAFKA_BROKERS,
      clientId: group,
      groupId: group,
      fromBeginning: config.KAFKA_FROM_BEGINNING,
      sessionTimeout: config.KAFKA_SESSION_TIMEOUT_MS,
    }),
  );
  await app.startAllMicroservices();
}
