import { type DynamicModule, Inject, Injectable, Module, type ModuleMetadata, type OnApplicationShutdown } from '@nestjs/common';
import { type Admin, Kafka, logLevel } from 'kafkajs';
import { HealthRegistry } from '@sanshe/nest-platform';

export interface KafkaConnectionOptions {
  clientId: string;
  brokers: string[];
}

export const KAFKA_OPTIONS = Symbol('KAFKA_OPTIONS');

/**
 * The app's connection to the Kafka cluster. It reports "kafka" on /health with a real metadata
 * call. Publishing and consuming are built on it by this library (outbox relay, inbox consumers),
 * so services never hold a kafkajs client themselves.
 */
@Injectable()
export class KafkaConnection implements OnApplicationShutdown {
  readonly kafka: Kafka;
  private admin?: Promise<Admin>;

  constructor(@Inject(KAFKA_OPTIONS) readonly options: KafkaConnectionOptions, health: HealthRegistry) {
    this.kafka = new Kafka({ clientId: options.clientId, brokers: options.brokers, logLevel: logLevel.WARN });
    health.register({ name: 'kafka', check: () => this.check() });
  }

  private async check(): Promise<Record<string, unknown>> {
    try {
      this.admin ??= this.connectAdmin();
      const cluster = await (await this.admin).describeCluster();
      return { brokers: cluster.brokers.length, controller: cluster.controller };
    } catch (err) {
      this.admin = undefined; // reconnect on the next check
      throw err;
    }
  }

  private async connectAdmin(): Promise<Admin> {
    const admin = this.kafka.admin({ retry: { retries: 1 } });
    await admin.connect();
    return admin;
  }

  async onApplicationShutdown(): Promise<void> {
    const admin = await this.admin?.catch(() => undefined);
    await admin?.disconnect();
  }
}

@Module({})
export class KafkaModule {
  static forRootAsync(options: {
    imports?: ModuleMetadata['imports'];
    inject?: unknown[];
    useFactory: (...args: never[]) => KafkaConnectionOptions;
  }): DynamicModule {
    return {
      module: KafkaModule,
      global: true,
      imports: options.imports ?? [],
      providers: [
        { provide: KAFKA_OPTIONS, useFactory: options.useFactory, inject: (options.inject ?? []) as never[] },
        KafkaConnection,
      ],
      exports: [KafkaConnection],
    };
  }
}
