import { type DynamicModule, Module } from '@nestjs/common';
import type { MixedList } from 'typeorm';
import { authConfigOf, AuthModule } from '@sanshe/auth';
import { kafkaClientSecurity, SERVICES } from '@sanshe/config';
import { portalReplyAwareTopic } from '@sanshe/contracts';
import { type InboxOptions, KafkaModule, MessagingModule } from '@sanshe/messaging';
import { HealthModule, MetricsModule } from '@sanshe/nest-platform';
import { PostgresModule } from '@sanshe/persistence';
import { SERVICE_CONFIG, type ServiceConfig } from './service-config';

export interface ServiceKitOptions {
  config: ServiceConfig;
  entities?: MixedList<Function>;
  migrations?: MixedList<Function>;
  /** Set when the service consumes events: InboxService becomes injectable (see consumerGroupOf for the group). */
  consumer?: Omit<InboxOptions, 'consumer'>;
}

/** A service's consumer group, inbox name and dead-letter suffix: one per service. */
export const consumerGroupOf = (config: Pick<ServiceConfig, 'service' | 'KAFKA_GROUP_ID'>) =>
  config.KAFKA_GROUP_ID ?? `sanshe-${config.service}`;

/**
 * What every Sanshe service stands on: its validated config (injectable as SERVICE_CONFIG),
 * /health, bearer-token authentication on every HTTP endpoint (@sanshe/auth: an endpoint declares
 * @Access or @PublicEndpoint, or it is closed), its own PostgreSQL schema (SERVICES' schema: the service's name), its Kafka connection, and the
 * transactional outbox with its relay (inject OutboxWriter to publish). The service's migrations
 * must include MESSAGING_MIGRATIONS.
 */
@Module({})
export class ServiceKitModule {
  static forRoot({ config, entities, migrations, consumer }: ServiceKitOptions): DynamicModule {
    const configProvider = { provide: SERVICE_CONFIG, useValue: config };
    return {
      module: ServiceKitModule,
      global: true,
      imports: [
        HealthModule,
        MetricsModule, // GET /metrics (Prometheus), every HTTP request counted
        AuthModule.forRoot(authConfigOf(config, config.stateDir)),
        PostgresModule.forRootAsync({
          useFactory: () => ({
            url: config.DATABASE_URL,
            schema: SERVICES[config.service].schema,
            entities,
            migrations,
            timeouts: {
              statementMs: config.DATABASE_STATEMENT_TIMEOUT_MS,
              idleInTransactionMs: config.DATABASE_IDLE_IN_TRANSACTION_TIMEOUT_MS,
            },
          }),
        }),
        KafkaModule.forRootAsync({
          useFactory: () => ({
            clientId: config.service,
            brokers: config.KAFKA_BROKERS,
            security: kafkaClientSecurity(config),
            topicPrefix: config.KAFKA_TOPIC_PREFIX,
          }),
        }),
        MessagingModule.forRoot({
          schema: SERVICES[config.service].schema,
          source: `sanshe/${config.service}`,
          // A reply to a portal's command goes to that portal's replies topic; every other event to its context's.
          topicFor: portalReplyAwareTopic,
          ...(consumer ? { consumer: { ...consumer, consumer: consumerGroupOf(config) } } : {}),
        }),
      ],
      providers: [configProvider],
      exports: [configProvider],
    };
  }
}
