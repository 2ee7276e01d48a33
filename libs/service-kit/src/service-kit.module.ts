import { type DynamicModule, Module } from '@nestjs/common';
import type { MixedList } from 'typeorm';
import { KafkaModule } from '@sanshe/messaging';
import { HealthModule } from '@sanshe/nest-platform';
import { PostgresModule } from '@sanshe/persistence';
import { SERVICE_CONFIG, type ServiceConfig } from './service-config';

export interface ServiceKitOptions {
  config: ServiceConfig;
  entities?: MixedList<Function>;
  migrations?: MixedList<Function>;
}

/**
 * What every Sanshe service stands on: its validated config (injectable as SERVICE_CONFIG),
 * /health, its own PostgreSQL schema (named after the service) and its Kafka connection.
 */
@Module({})
export class ServiceKitModule {
  static forRoot({ config, entities, migrations }: ServiceKitOptions): DynamicModule {
    const configProvider = { provide: SERVICE_CONFIG, useValue: config };
    return {
      module: ServiceKitModule,
      global: true,
      imports: [
        HealthModule,
        PostgresModule.forRootAsync({
          useFactory: () => ({ url: config.DATABASE_URL, schema: config.service, entities, migrations }),
        }),
        KafkaModule.forRootAsync({ useFactory: () => ({ clientId: config.service, brokers: config.KAFKA_BROKERS }) }),
      ],
      providers: [configProvider],
      exports: [configProvider],
    };
  }
}
