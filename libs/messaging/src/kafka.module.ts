import {
  type DynamicModule,
  Inject,
  Injectable,
  Module,
  type ModuleMetadata,
  type OnApplicationShutdown,
} from '@nestjs/common';
import { type Admin, Kafka, logLevel, Partitioners, type Producer } from 'kafkajs';
import { HealthRegistry } from '@sanshe/nest-platform';
import { type KafkaClientSecurity, kafkaClientConfig } from './kafka-client';
import { kafkaLogCreator } from './kafka-log';

export interface KafkaConnectionOptions {
  clientId: string;
  brokers: string[];
  /** SASL login and TLS; unset = PLAINTEXT without a login. */
  security?: KafkaClientSecurity;
  /** Put before every topic name on the wire (KAFKA_TOPIC_PREFIX; topic-names.ts); unset = none. */
  topicPrefix?: string;
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
  /** The health probe fails fast instead of retrying: /health must answer within its timeout. */
  private readonly probeAdmin: Admin;
  private probeConnected = false;

  constructor(
    @Inject(KAFKA_OPTIONS) readonly options: KafkaConnectionOptions,
    health: HealthRegistry,
  ) {
    this.kafka = new Kafka(
      kafkaClientConfig(options, {
        clientId: options.clientId,
        logLevel: logLevel.WARN,
        logCreator: kafkaLogCreator(),
      }),
    );
    this.probeAdmin = new Kafka(
      kafkaClientConfig(options, {
        clientId: `${options.clientId}-health`,
        logLevel: logLevel.NOTHING,
        connectionTimeout: 1000,
        retry: { retries: 0 },
      }),
    ).admin();
    health.register({ name: 'kafka', check: () => this.check() });
  }

  /**
   * A producer for this library's own use (relay, dead letters): idempotent with one request in
   * flight, so a retried send neither duplicates nor reorders; Java-compatible key partitioning.
   */
  createProducer(): Producer {
    return createReliableProducer(this.kafka);
  }

  private async check(): Promise<Record<string, unknown>> {
    try {
      if (!this.probeConnected) {
        await this.probeAdmin.connect();
        this.probeConnected = true;
      }
      const cluster = await this.probeAdmin.describeCluster();
      return { brokers: cluster.brokers.length, controller: cluster.controller };
    } catch (err) {
      this.probeConnected = false; // reconnect on the next check
      await this.probeAdmin.disconnect().catch(() => undefined);
      throw err;
    }
  }

  async onApplicationShutdown(): Promise<void> {
    await this.probeAdmin.disconnect();
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

export function createReliableProducer(kafka: Kafka): Producer {
  return kafka.producer({
    idempotent: true,
    maxInFlightRequests: 1,
    createPartitioner: Partitioners.DefaultPartitioner,
  });
}
