import { Kafka, type KafkaConfig, logLevel } from 'kafkajs';
import { type KafkaClientSecurity, kafkaClientSecurity } from '@sanshe/config';
import { parseTestEnv, type TestEnv } from './test-env';
import { uniqueName } from './polling';

/** Where tests reach Kafka: the brokers, and the login when the broker is secured (KAFKA_SASL_*, KAFKA_SSL*). */
export interface TestKafkaEndpoint {
  brokers: string[];
  security: KafkaClientSecurity;
}

export function testKafkaEndpoint(env: TestEnv = parseTestEnv(process.env)): TestKafkaEndpoint {
  return { brokers: env.KAFKA_BROKERS, security: kafkaClientSecurity(env) };
}

/**
 * A kafkajs client for a test's own reads, writes and setup, logged in as the test environment says: every
 * test client goes through here (or testKafkaEndpoint), so that the suite runs against a secured broker by
 * its environment alone (docs/testing.md, "Kafka security in tests").
 */
export function testKafka(
  clientId: string,
  options: Omit<KafkaConfig, 'brokers' | 'sasl' | 'ssl' | 'clientId'> = {},
  env: TestEnv = parseTestEnv(process.env),
): Kafka {
  const { brokers, security } = testKafkaEndpoint(env);
  return new Kafka({ logLevel: logLevel.NOTHING, ...options, clientId, brokers, ...security });
}

/**
 * A consumer group of a test's own for a service it starts as a process: `sanshe-<service>.<name>-<random>`, so
 * the service's own Kafka user may join it and create its dead-letter topic (infra/local/kafka/acls.json grants a
 * service the groups beginning with `sanshe-<service>`).
 */
export const testConsumerGroup = (service: string, name: string) => uniqueName(`sanshe-${service}.${name}`);
