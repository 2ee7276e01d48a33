import { TEST_ISOLATION } from '@sanshe/config';
import { INFRA } from '../paths';

/**
 * What keeps the tests to themselves on the developer's servers (docs/testing.md, "Tests keep to themselves"): a
 * Kafka topic prefix, a database of their own on the same PostgreSQL and a Temporal namespace of their own (so
 * task queues of their own too), which `infra:up` makes. A server of the user's own (DATABASE_URL,
 * TEMPORAL_ADDRESS) is left as named: infra/local makes nothing there. Jest's global setup sets each of these
 * that the environment does not set already (`up --print-client-env` prints them).
 */
export function testIsolationEnv(env: NodeJS.ProcessEnv): Record<string, string> {
  const { host, port, user, password } = INFRA.postgres;
  return {
    KAFKA_TOPIC_PREFIX: TEST_ISOLATION.kafkaTopicPrefix,
    ...(env.DATABASE_URL
      ? {}
      : { DATABASE_URL: `postgres://${user}:${password}@${host}:${port}/${TEST_ISOLATION.database}` }),
    ...(env.TEMPORAL_ADDRESS ? {} : { TEMPORAL_NAMESPACE: TEST_ISOLATION.temporalNamespace }),
  };
}
