import { type KafkaClientSecurity, kafkaClientSecurityFromEnv, parsePlatformEnv } from '@sanshe/config';
import { ADMIN_USER, localLoginFor } from '@sanshe/infra';
import { type Knob, knobsUsage, readKnobs } from '../shared/cli';

/** Every knob of `npm run bench:events`; defaults are sized for the 2-core development machine. */
export interface BenchConfig {
  /** Whole runs of (a), (b) and (c); the targets are judged on the median of their ratios. */
  runs: number;
  /** Events timed in each measurement. */
  events: number;
  /** Events sent before each measurement, not timed (connections, JIT, caches). */
  warmup: number;
  /** Cap on each timed phase; a phase that hits it reports what it did and says so. */
  phaseTimeoutMs: number;
  /** PostgreSQL connections = transactions in flight. */
  connections: number;
  /** Partitions of each fresh topic. */
  partitions: number;
  /** Distinct aggregate ids (Kafka keys, proposal rows). */
  keys: number;
  /** Size of one CloudEvent JSON. */
  payloadBytes: number;
  /** Messages per kafkajs send(). */
  batch: number;
  /** kafkajs send() calls in flight. */
  inFlight: number;
  /** Duration of the fixed-rate run at half of the pipeline's peak (latency). */
  halfLoadMs: number;
  databaseUrl: string;
  kafkaBrokers: string[];
  /** KAFKA_SASL_* / KAFKA_SSL, else the local secured broker's admin (fresh topics and groups of its own). */
  kafkaSecurity: KafkaClientSecurity;
}

const KNOBS = {
  runs: { env: 'BENCH_RUNS', def: 3, min: 1, help: 'runs of (a), (b), (c); targets judged on the median' },
  events: { env: 'BENCH_EVENTS', def: 20_000, min: 1, help: 'events per measurement' },
  warmup: { env: 'BENCH_WARMUP', def: 2_000, min: 0, help: 'untimed events before each measurement' },
  'phase-timeout-s': { env: 'BENCH_PHASE_TIMEOUT_S', def: 30, min: 1, help: 'cap on each timed phase, seconds' },
  connections: { env: 'BENCH_CONNECTIONS', def: 4, min: 1, help: 'PostgreSQL connections (txns in flight)' },
  partitions: { env: 'BENCH_PARTITIONS', def: 3, min: 1, help: 'partitions of each fresh topic' },
  keys: { env: 'BENCH_KEYS', def: 100, min: 1, help: 'distinct aggregate ids / Kafka keys' },
  'payload-bytes': { env: 'BENCH_PAYLOAD_BYTES', def: 600, min: 1, help: 'bytes of one CloudEvent JSON' },
  batch: { env: 'BENCH_BATCH', def: 500, min: 1, help: 'messages per kafkajs send()' },
  'in-flight': { env: 'BENCH_IN_FLIGHT', def: 4, min: 1, help: 'kafkajs send() calls in flight' },
  'half-load-s': { env: 'BENCH_HALF_LOAD_S', def: 20, min: 1, help: 'fixed-rate latency run, seconds' },
} satisfies Record<string, Knob>;

export const usage = () =>
  knobsUsage('bench:events', KNOBS, 'server addresses: DATABASE_URL, KAFKA_BROKERS (see README)');

/** Reads flags, then BENCH_* variables, then defaults; throws with the offending name on a bad value. */
export function loadConfig(argv: string[], env: Record<string, string | undefined>): BenchConfig {
  const num = readKnobs(KNOBS, argv, env);
  const platform = parsePlatformEnv(env);
  return {
    runs: num('runs'),
    events: num('events'),
    warmup: num('warmup'),
    phaseTimeoutMs: num('phase-timeout-s') * 1000,
    connections: num('connections'),
    partitions: num('partitions'),
    keys: num('keys'),
    payloadBytes: num('payload-bytes'),
    batch: num('batch'),
    inFlight: num('in-flight'),
    halfLoadMs: num('half-load-s') * 1000,
    databaseUrl: platform.DATABASE_URL,
    kafkaBrokers: platform.KAFKA_BROKERS,
    kafkaSecurity: kafkaClientSecurityFromEnv({ ...env, ...localLoginFor(env, ADMIN_USER) }),
  };
}

export function describeConfig(cfg: BenchConfig): string {
  const db = new URL(cfg.databaseUrl);
  if (db.password) db.password = '***';
  return [
    `${cfg.runs} run(s); the targets are judged on the median of the runs' ratios`,
    `events ${cfg.events} (+${cfg.warmup} warm-up) per measurement, each phase capped at ${cfg.phaseTimeoutMs / 1000} s`,
    `payload ${cfg.payloadBytes} B over ${cfg.keys} keys; kafkajs: ${cfg.partitions} partitions, ` +
      `batches of ${cfg.batch}, ${cfg.inFlight} in flight; pg: ${cfg.connections} connections`,
    `latency run at half load: ${cfg.halfLoadMs / 1000} s`,
    `PostgreSQL ${db.toString()}  Kafka ${cfg.kafkaBrokers.join(',')}`,
  ].join('\n');
}
