import { isIP } from 'node:net';
import { parsePlatformEnv } from '@sanshe/config';
import { type Knob, knobsUsage, readKnobs } from '../shared/cli';

/** Every knob of `npm run bench:decisions`; defaults keep the whole run near 2 minutes on 2 cores. */
export interface BenchConfig {
  /** Workflows in flight in every phase (= lanes, each driving one workflow at a time). */
  concurrency: number;
  /** Untimed run before each phase's timed run (bundle loaded, JIT, sticky caches). */
  warmupMs: number;
  /** Timed run of baseline A (one no-op activity per workflow). */
  baselineMs: number;
  /** Timed run of baseline B (no-op Updates). */
  updatesMs: number;
  /** No-op Updates per baseline B workflow before its 'done' signal. */
  updatesPerWorkflow: number;
  /** Timed run of the decision phase. */
  decisionsMs: number;
  /** Every n-th decision opens with one objection (deliberation); 0: none. */
  objectionEvery: number;
  /** The policy's deliberation window. */
  deliberationMs: number;
  /** After a timed run stops starting work, how long in-flight workflows may take to finish. */
  drainMs: number;
  temporalAddress: string;
  namespace: string;
}

const KNOBS = {
  concurrency: { env: 'BENCH_CONCURRENCY', def: 20, min: 1, help: 'workflows in flight in every phase' },
  'warmup-s': { env: 'BENCH_WARMUP_S', def: 3, min: 0, help: 'untimed run before each phase, seconds' },
  'baseline-s': { env: 'BENCH_BASELINE_S', def: 20, min: 1, help: 'baseline A (one no-op activity), seconds' },
  'updates-s': { env: 'BENCH_UPDATES_S', def: 15, min: 1, help: 'baseline B (no-op Updates), seconds' },
  'updates-per-workflow': {
    env: 'BENCH_UPDATES_PER_WORKFLOW',
    def: 3,
    min: 1,
    help: 'no-op Updates per baseline B workflow',
  },
  'decisions-s': { env: 'BENCH_DECISIONS_S', def: 25, min: 1, help: 'decision phase, seconds' },
  'objection-every': {
    env: 'BENCH_OBJECTION_EVERY',
    def: 4,
    min: 0,
    help: 'every n-th decision has one objection; 0 none',
  },
  'deliberation-ms': { env: 'BENCH_DELIBERATION_MS', def: 1000, min: 1, help: 'deliberation window of the policy' },
  'drain-s': { env: 'BENCH_DRAIN_S', def: 20, min: 1, help: 'cap on finishing in-flight work, seconds' },
} satisfies Record<string, Knob>;

export const usage = () =>
  knobsUsage(
    'bench:decisions',
    KNOBS,
    'server: TEMPORAL_ADDRESS, TEMPORAL_NAMESPACE (see README); loopback addresses only',
  );

/** The bench starts thousands of workflows: it refuses any server that is not on this machine. */
function assertLoopback(address: string): void {
  const host = address.replace(/:\d+$/, '').replace(/^\[(.*)\]$/, '$1');
  const loopback = host === 'localhost' || host === '::1' || (isIP(host) === 4 && host.startsWith('127.'));
  if (!loopback) {
    throw new Error(
      `TEMPORAL_ADDRESS ${address} is not a loopback address: the bench runs on the local dev server only`,
    );
  }
}

/** Reads flags, then BENCH_* variables, then defaults; throws with the offending name on a bad value. */
export function loadConfig(argv: string[], env: Record<string, string | undefined>): BenchConfig {
  const num = readKnobs(KNOBS, argv, env);
  const platform = parsePlatformEnv(env);
  assertLoopback(platform.TEMPORAL_ADDRESS);
  return {
    concurrency: num('concurrency'),
    warmupMs: num('warmup-s') * 1000,
    baselineMs: num('baseline-s') * 1000,
    updatesMs: num('updates-s') * 1000,
    updatesPerWorkflow: num('updates-per-workflow'),
    decisionsMs: num('decisions-s') * 1000,
    objectionEvery: num('objection-every'),
    deliberationMs: num('deliberation-ms'),
    drainMs: num('drain-s') * 1000,
    temporalAddress: platform.TEMPORAL_ADDRESS,
    namespace: platform.TEMPORAL_NAMESPACE,
  };
}

/** Longest the run may take before the watchdog stops it: every phase's runs, drains and describes, plus setup. */
export function watchdogMs(cfg: BenchConfig): number {
  const phases = cfg.baselineMs + cfg.updatesMs + cfg.decisionsMs + 3 * cfg.warmupMs;
  return phases + 6 * cfg.drainMs + 120_000;
}

export function describeConfig(cfg: BenchConfig): string {
  const objections =
    cfg.objectionEvery === 0
      ? 'no objections'
      : `1 in ${cfg.objectionEvery} decisions has one objection (deliberation ${cfg.deliberationMs} ms)`;
  return [
    `Temporal ${cfg.temporalAddress} namespace ${cfg.namespace}; ${cfg.concurrency} workflows in flight per phase`,
    `timed runs: baseline A ${cfg.baselineMs / 1000} s, baseline B ${cfg.updatesMs / 1000} s ` +
      `(${cfg.updatesPerWorkflow} updates per workflow), decisions ${cfg.decisionsMs / 1000} s; ` +
      `each after ${cfg.warmupMs / 1000} s warm-up, draining at most ${cfg.drainMs / 1000} s`,
    `decisions: 5-party policy (weights 2,2,1,2,1, quorum 5); ${objections}`,
  ].join('\n');
}
