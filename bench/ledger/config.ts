import { parsePlatformEnv } from '@sanshe/config';
import { type Knob, knobsUsage, readKnobs } from '../shared/cli';

/** Every knob of `npm run bench:ledger`; defaults are sized for the 2-core development machine. */
export interface LedgerBenchConfig {
  /** Runs of (a) then (b); the target is judged on the median of their ratios. */
  runs: number;
  /** Postings timed in each phase. */
  postings: number;
  /** Postings before each timed part, not timed. */
  warmup: number;
  /** PostgreSQL connections = transactions in flight, the same in both phases. */
  connections: number;
  /** Programs the postings spread over (balance rows that contend for locks). */
  keys: number;
  /** Cap on each timed part; a phase that hits it reports what it did and says so. */
  phaseTimeoutMs: number;
  databaseUrl: string;
}

const KNOBS = {
  runs: { env: 'BENCH_RUNS', def: 3, min: 1, help: 'runs of (a) and (b); target judged on the median' },
  postings: { env: 'BENCH_POSTINGS', def: 5_000, min: 1, help: 'postings timed per phase' },
  warmup: { env: 'BENCH_WARMUP', def: 500, min: 0, help: 'untimed postings before each phase' },
  connections: { env: 'BENCH_CONNECTIONS', def: 4, min: 1, help: 'PostgreSQL connections (txns in flight)' },
  keys: { env: 'BENCH_KEYS', def: 100, min: 1, help: 'programs the postings spread over' },
  'phase-timeout-s': { env: 'BENCH_PHASE_TIMEOUT_S', def: 30, min: 1, help: 'cap on each timed phase, seconds' },
} satisfies Record<string, Knob>;

export const usage = () => knobsUsage('bench:ledger', KNOBS, 'server address: DATABASE_URL (see README)');

/** Reads flags, then BENCH_* variables, then defaults; throws with the offending name on a bad value. */
export function loadConfig(argv: string[], env: Record<string, string | undefined>): LedgerBenchConfig {
  const num = readKnobs(KNOBS, argv, env);
  return {
    runs: num('runs'),
    postings: num('postings'),
    warmup: num('warmup'),
    connections: num('connections'),
    keys: num('keys'),
    phaseTimeoutMs: num('phase-timeout-s') * 1000,
    databaseUrl: parsePlatformEnv(env).DATABASE_URL,
  };
}

export function describeConfig(cfg: LedgerBenchConfig): string {
  const db = new URL(cfg.databaseUrl);
  if (db.password) db.password = '***';
  return [
    `${cfg.runs} run(s); the target is judged on the median of the runs' ratios`,
    `${cfg.postings} postings (+${cfg.warmup} warm-up) per phase over ${cfg.keys} programs, ` +
      `${cfg.connections} connections, each timed part capped at ${cfg.phaseTimeoutMs / 1000} s`,
    `PostgreSQL ${db.toString()}`,
  ].join('\n');
}
