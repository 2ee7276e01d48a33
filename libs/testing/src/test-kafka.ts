import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Kafka, type KafkaConfig, logLevel } from 'kafkajs';
import { z } from 'zod';
import {
  type KafkaClientSecurity,
  kafkaClientSecurity,
  localStateDir,
  parseEnv,
  platformEnvSchema,
} from '@sanshe/config';
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
 * The topic prefix of the processes tests start (KAFKA_TOPIC_PREFIX: `test.`, set by Jest's global setup): tests
 * keep to themselves on the developer's broker (docs/testing.md, "Tests keep to themselves").
 */
export const testTopicPrefix = (env: Record<string, string | undefined> = process.env): string =>
  parseEnv(z.object({ KAFKA_TOPIC_PREFIX: platformEnvSchema.shape.KAFKA_TOPIC_PREFIX }), env).KAFKA_TOPIC_PREFIX;

/**
 * A platform topic (`contextTopic('community')`, a portal's, a dead-letter topic) as the services the tests start
 * name it on the wire: for a test's own kafkajs clients (testKafka), which see the broker as it is. The messaging
 * library's helpers (ensureTopics, the consumer transport) take the prefix from their endpoint instead.
 */
export const testTopic = (logical: string, env: Record<string, string | undefined> = process.env): string =>
  `${testTopicPrefix(env)}${logical}`;

/** testKafkaEndpoint with the tests' topic prefix: for the messaging library's helpers given platform topics. */
export function testPlatformEndpoint(env: TestEnv = parseTestEnv(process.env)) {
  return { ...testKafkaEndpoint(env), topicPrefix: env.KAFKA_TOPIC_PREFIX };
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

/**
 * How `user` of infra/local/kafka/acls.json logs in to the local secured broker (its password from the broker's
 * credentials file, `<state>/kafka/scram-credentials.json`): for a test that must act as a service does, under
 * that service's ACLs rather than as the harness's admin. Throws when the suite's broker is not the local secured
 * one.
 */
export function localBrokerLogin(user: string, env: NodeJS.ProcessEnv = process.env): KafkaClientSecurity {
  const file = join(localStateDir(env), 'kafka', 'scram-credentials.json');
  const password = existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as Record<string, string>)[user] : '';
  if (!password || env.KAFKA_BROKERS) {
    throw new Error(`no login for ${user} on the local secured broker (${file}); see docs/testing.md`);
  }
  return { sasl: { mechanism: 'scram-sha-512', username: user, password } };
}
