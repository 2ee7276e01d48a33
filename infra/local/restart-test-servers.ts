import { join } from 'node:path';
import { localInfra, localStateDir } from '@sanshe/config';

/**
 * The restart test's own PostgreSQL, Kafka and Temporal (restart.serial-spec.ts): a state directory of their
 * own, `<state directory>/restart-test`, and every default port + 20000 (the chaos suite's are + 10000), so
 * the test kills and restarts servers nobody else uses, and a Kafka whose log holds one topic restarts in
 * seconds. The infra CLI it runs gets this environment; the test's own paths are computed from it here, since
 * ./paths was loaded with the shared servers' environment by Jest's setup (test-env.ts).
 */
export const RESTART_TEST_ENV: NodeJS.ProcessEnv = {
  ...process.env,
  SANSHE_STATE_DIR: join(localStateDir(process.env), 'restart-test'),
  SANSHE_PORT_OFFSET: '20000',
};
for (const name of ['DATABASE_URL', 'KAFKA_BROKERS', 'TEMPORAL_ADDRESS', 'TEMPORAL_NAMESPACE']) {
  delete RESTART_TEST_ENV[name]; // a server named by the environment is the user's own: never started or stopped
}

/** As ./paths lays them out (STATE_DIR, dataDir, pidFile, INFRA), for RESTART_TEST_ENV. */
export const restartTestServers = {
  stateDir: RESTART_TEST_ENV.SANSHE_STATE_DIR as string,
  dataDir: (server: string) => join(RESTART_TEST_ENV.SANSHE_STATE_DIR as string, server),
  pidFile: (server: string) => join(RESTART_TEST_ENV.SANSHE_STATE_DIR as string, 'run', `${server}.pid`),
  infra: localInfra(RESTART_TEST_ENV),
};
