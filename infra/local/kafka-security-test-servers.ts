import { join } from 'node:path';
import { localInfra, localStateDir } from '@sanshe/config';

/**
 * The Kafka security test's own secured broker (kafka-security.integration-spec.ts): SANSHE_KAFKA_SECURITY=scram,
 * a state directory of its own, `<state directory>/kafka-security-test`, and every default port + 3000 (12092–12094: below the ephemeral ports, which begin at 32768 and once took 39094; the
 * chaos suite's are + 10000, the restart test's + 20000), so it never meets the shared PLAINTEXT broker.
 */
export const KAFKA_SECURITY_TEST_ENV: NodeJS.ProcessEnv = {
  ...process.env,
  SANSHE_STATE_DIR: join(localStateDir(process.env), 'kafka-security-test'),
  SANSHE_PORT_OFFSET: '3000',
  SANSHE_KAFKA_SECURITY: 'scram',
};
for (const name of ['DATABASE_URL', 'KAFKA_BROKERS', 'TEMPORAL_ADDRESS', 'TEMPORAL_NAMESPACE']) {
  delete KAFKA_SECURITY_TEST_ENV[name]; // a server named by the environment is the user's own: never started
}

const infra = localInfra(KAFKA_SECURITY_TEST_ENV);
export const kafkaSecurityTestServer = {
  stateDir: KAFKA_SECURITY_TEST_ENV.SANSHE_STATE_DIR as string,
  /** As ./paths' dataDir('kafka') for this environment: the secured broker's data and SCRAM credentials. */
  kafkaStateDir: join(KAFKA_SECURITY_TEST_ENV.SANSHE_STATE_DIR as string, 'kafka'),
  brokers: [`${infra.kafka.host}:${infra.kafka.port}`],
};
