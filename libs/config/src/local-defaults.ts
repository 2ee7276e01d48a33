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

export interface LocalInfra {
  postgres: { host: string; port: number; user: string; password: string; database: string };
  kafka: { host: string; port: number; controllerPort: number };
  temporal: { host: string; port: number; uiPort: number; namespace: string };
}

/**
 * A second, isolated set of local servers (the chaos suite's) listens on every default port shifted by
 * `SANSHE_PORT_OFFSET` (0 when unset), so it never meets the developer's servers on the defaults.
 */
export function localInfra(env: Record<string, string | undefined>): LocalInfra {
  const offset = localPortOffset(env);
  const { postgres, kafka, temporal } = LOCAL_INFRA;
  return {
    postgres: { ...postgres, port: postgres.port + offset },
    kafka: { ...kafka, port: kafka.port + offset, controllerPort: kafka.controllerPort + offset },
    temporal: { ...temporal, port: temporal.port + offset, uiPort: temporal.uiPort + offset },
  };
}

/** SANSHE_PORT_OFFSET: an integer that keeps every shifted port below 65536. */
export function localPortOffset(env: Record<string, string | undefined>): number {
  const raw = env.SANSHE_PORT_OFFSET?.trim() ?? '';
  if (raw === '') return 0;
  const offset = Number(raw);
  if (!Number.isInteger(offset) || offset < 0 || offset > 50_000) {
    throw new Error(`SANSHE_PORT_OFFSET must be an integer from 0 to 50000, got "${raw}"`);
  }
  return offset;
}

export const LOCAL_DATABASE_URL =
  `postgres://${LOCAL_INFRA.postgres.user}:${LOCAL_INFRA.postgres.password}` +
  `@${LOCAL_INFRA.postgres.host}:${LOCAL_INFRA.postgres.port}/${LOCAL_INFRA.postgres.database}`;
export const LOCAL_KAFKA_BROKERS = `${LOCAL_INFRA.kafka.host}:${LOCAL_INFRA.kafka.port}`;
export const LOCAL_TEMPORAL_ADDRESS = `${LOCAL_INFRA.temporal.host}:${LOCAL_INFRA.temporal.port}`;
