/**
 * Where the servers started by `infra/local` listen. Apps, tests, infra/local and
 * docker-compose.yml all agree on these; any of them can be replaced by a server the
 * user already runs through the matching environment variable (see platform-env.ts).
 */
export const LOCAL_INFRA = {
  postgres: { host: '127.0.0.1', port: 5432, user: 'sanshe', password: 'sanshe', database: 'sanshe' },
  kafka: { host: '127.0.0.1', port: 9092, controllerPort: 9093 },
  temporal: { host: '127.0.0.1', port: 7233, uiPort: 8233, namespace: 'sanshe' },
} as const;

export const LOCAL_DATABASE_URL =
  `postgres://${LOCAL_INFRA.postgres.user}:${LOCAL_INFRA.postgres.password}` +
  `@${LOCAL_INFRA.postgres.host}:${LOCAL_INFRA.postgres.port}/${LOCAL_INFRA.postgres.database}`;
export const LOCAL_KAFKA_BROKERS = `${LOCAL_INFRA.kafka.host}:${LOCAL_INFRA.kafka.port}`;
export const LOCAL_TEMPORAL_ADDRESS = `${LOCAL_INFRA.temporal.host}:${LOCAL_INFRA.temporal.port}`;
