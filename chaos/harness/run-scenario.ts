import type { Client } from '@temporalio/client';
import type { Kafka } from 'kafkajs';
import { errorMessage, sleep } from '@sanshe/common';
import { contextTopic } from '@sanshe/contracts';
import { bearer, devToken } from '@sanshe/testing';
import type { GovernanceFleet } from './governance';
import {
  GOVERNANCE_DLQ,
  INPUT_TOPICS,
  type OracleResult,
  runOracle,
  type StartOffsets,
  unsentOutboxRows,
} from './oracle';
import { CHAOS_POLICY, type Plan, type PlannedDecision } from './plan';
import { PhaseTimes } from './phases';
import { type Harness, type Rig, type Rigs, type RunOptions, sessionTimeoutMs } from './rig';
import type { ChaosScenario, ScenarioContext } from './scenario';
import { highWaterMarks, readToHighWaterMarks } from '@sanshe/messaging';

export interface ScenarioOutcome extends OracleResult {
  name: string;
  /** From the end of the last fault until every decision closed and both outboxes drained (s). */
  recoverySeconds: number;
  /** The whole scenario, governance's first start to the oracle's verdict (s). */
  seconds: number;
}

/** How often the runner asks whether decisions opened or the system settled: each ask is a few cheap reads. */
const POLL_MS = 200;

/** A deterministic [0, 1) sequence seeded by the scenario's name (mulberry32). */
function seededRandom(seed: string): () => number {
  let state = [...seed].reduce((h, c) => Math.imul(h ^ c.charCodeAt(0), 16777619) >>> 0, 2166136261);
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

async function startOffsets(kafka: Kafka): Promise<StartOffsets> {
  const topics = [contextTopic('governance'), GOVERNANCE_DLQ, ...INPUT_TOPICS];
  return new Map(await Promise.all(topics.map(async (t) => [t, await highWaterMarks(kafka, t)] as const)));
}

/** Waits until the workflow of every decision exists (Temporal may be down meanwhile: keeps asking). */
async function waitOpened(temporal: Client, decisions: PlannedDecision[], timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  const waiting = new Set(decisions.map((d) => d.decisionId));
  while (waiting.size) {
    for (const id of [...waiting]) {
      const found = await temporal.workflow
        .getHandle(id)
        .describe()
        .then(() => true)
        .catch(() => false);
      if (found) waiting.delete(id);
    }
    if (!waiting.size) return;
    if (Date.now() > deadline) throw new Error(`not opened in ${timeoutMs / 1000} s: ${[...waiting].join(', ')}`);
    await sleep(POLL_MS);
  }
}

/**
 * Every decision closed (its trail stored) and the plan's rows in both outboxes sent; returns when, or throws at the
 * deadline. Asks the running instances in turn, each with a timeout: one may be stopped by the next
 * scenario (--short settles a scenario while the next one runs).
 */
async function settle(plan: Plan, fleet: () => GovernanceFleet, databaseUrl: string, timeoutMs: number) {
  const deadline = Date.now() + timeoutMs;
  const open = new Set(plan.decisions.map((d) => d.decisionId));
  let last: string;
  for (let attempt = 0; ; attempt++) {
    try {
      const running = fleet().running();
      const port = running[attempt % running.length]?.port;
      const headers = bearer(await devToken({ sub: 'chaos-settle', parties: [], roles: [] }));
      for (const id of [...open]) {
        const url = `http://127.0.0.1:${port}/decisions/${id}`;
        const response = await fetch(url, { headers, signal: AbortSignal.timeout(5_000) });
        if (response.ok) open.delete(id);
      }
      const unsent = await unsentOutboxRows(databaseUrl, plan);
      last = `${open.size} decisions open, unsent ${JSON.stringify(unsent)}`;
      if (!open.size && Object.values(unsent).every((n) => n === 0)) return Date.now();
    } catch (err) {
      last = errorMessage(err);
    }
    if (Date.now() > deadline) throw new Error(`did not settle in ${timeoutMs / 1000} s: ${last}`);
    await sleep(POLL_MS);
  }
}

function contextFor(
  scenario: ChaosScenario,
  plan: Plan,
  options: RunOptions,
  parts: Pick<ScenarioContext, 'servers' | 'temporal' | 'kafka' | 'governance' | 'producer' | 'databaseProxy'>,
  marks: { faultsEndedAt: number },
): ScenarioContext {
  const started = Date.now();
  return {
    ...parts,
    short: options.short,
    sessionTimeoutMs: sessionTimeoutMs(options),
    plan,
    random: seededRandom(scenario.name),
    log: (line) => console.log(`  [${scenario.name} +${((Date.now() - started) / 1000).toFixed(1)} s] ${line}`),
    faultsEnded: () => (marks.faultsEndedAt = Date.now()),
    produce: async (decisions = plan.decisions, part = 'all') => {
      if (part !== 'votes') {
        await parts.producer.write(decisions.map((d) => d.opening));
        await waitOpened(parts.temporal, decisions, options.short ? 240_000 : 600_000);
      }
      if (part !== 'openings') await parts.producer.write(decisions.flatMap((d) => d.votes.map((v) => v.event)));
    },
    produceRaw: async (topic, key, value) => {
      const producer = parts.kafka.producer();
      await producer.connect();
      await producer.send({ topic, messages: [{ key, value }] }).finally(() => producer.disconnect());
    },
  };
}

/** What the oracle expects under --break lost: one vote more than is ever produced. */
function withUnproducedVote(plan: Plan): Plan {
  const [first, ...rest] = plan.decisions;
  const model = first.votes[0];
  const extra = {
    ...model,
    partyId: 'funder:chaos-welfare-fund',
    event: { ...model.event, id: `${model.event.id}/never` },
  };
  return { ...plan, decisions: [{ ...first, votes: [...first.votes, extra] }, ...rest] };
}

/**
 * --break duplicate: a second, distinct `decided` event (a new id) for the first decision, as if it were
 * decided twice. A copy with the same id would be a relay re-send, which the oracle counts as absorbed.
 */
async function injectSecondDecided(kafka: Kafka, plan: Plan, start: StartOffsets): Promise<void> {
  const topic = contextTopic('governance');
  const records = await readToHighWaterMarks(kafka, topic, start.get(topic));
  const decided = records.find(
    (r) => r.key === plan.decisions[0].decisionId && r.value.includes('"sanshe.governance.decision.decided.v1"'),
  );
  if (!decided) throw new Error('--break duplicate: no decided record to copy');
  const event = JSON.parse(decided.value) as { id: string };
  const value = JSON.stringify({ ...event, id: `${event.id}/second` });
  const producer = kafka.producer();
  await producer.connect();
  await producer.send({ topic, messages: [{ key: decided.key, value }] }).finally(() => producer.disconnect());
}

/** A scenario whose `run` is over and which is settling (in the background) until `finishScenario`. */
export interface RanScenario {
  scenario: ChaosScenario;
  plan: Plan;
  rig: Rig;
  start: StartOffsets;
  startedAt: number;
  faultsEndedAt: number;
  /** When `run` resolved (and governance ran again): settling starts. */
  ranAt: number;
  /** When every decision closed and both outboxes drained, or why not: never rejects. */
  settled: Promise<{ at: number } | { error: unknown }>;
  /** Whether `settled` has resolved. */
  isSettled: () => boolean;
  phases: PhaseTimes;
  /** How long each governance start during `run` took (s). */
  governanceStarts: number[];
}

/**
 * A scenario on a rig from `rigs` (a new one, or --short's shared one) until its `run` resolved and governance
 * runs; then it settles in the background. If `run` fails, its rig is handed back as failed.
 */
export async function runScenario(
  scenario: ChaosScenario,
  harness: Harness,
  rigs: Rigs,
  options: RunOptions,
): Promise<RanScenario> {
  const startedAt = Date.now();
  const phases = new PhaseTimes();
  const { servers, temporal, kafka } = harness;
  const plan = scenario.plan({ short: options.short });
  const rig = await phases.time('start', () => rigs.acquire(scenario.freshGovernance));
  const { fleet, producer, proxy } = rig;
  const startsBefore = rig.fleetReused ? fleet.startSeconds.length : 0;
  try {
    await phases.time('policy', () => fleet.putPolicy(CHAOS_POLICY));
    const start = await startOffsets(kafka);
    const marks = { faultsEndedAt: Date.now() };
    const parts = { servers, temporal, kafka, governance: fleet, producer, databaseProxy: proxy };
    await phases.time('run', () => scenario.run(contextFor(scenario, plan, options, parts, marks)));
    if (fleet.running().length === 0) await phases.time('start', () => fleet.start());
    const settleMs = options.short ? 180_000 : 600_000;
    let done = false;
    const settled = settle(plan, () => rig.fleet, servers.env.DATABASE_URL, settleMs).then(
      (at) => ({ at }),
      (error: unknown) => ({ error }),
    );
    void settled.then(() => (done = true));
    const isSettled = () => done;
    const { faultsEndedAt } = marks;
    const governanceStarts = fleet.startSeconds.slice(startsBefore);
    return {
      scenario,
      plan,
      rig,
      start,
      startedAt,
      faultsEndedAt,
      ranAt: Date.now(),
      settled,
      isSettled,
      phases,
      governanceStarts,
    };
  } catch (err) {
    report(scenario.name, fleet.startSeconds.slice(startsBefore), phases);
    await rigs.release(rig, true);
    throw err;
  }
}

function report(name: string, governanceStarts: number[], phases: PhaseTimes): void {
  const starts = governanceStarts.map((s) => `${s.toFixed(1)} s`);
  console.log(`  [${name}] governance starts: ${starts.join(', ') || 'none (the previous scenario’s instance)'}`);
  console.log(`  [${name}] phases: ${phases.summary()}`);
}

/**
 * Waits until `ran` settled and runs its oracle; hands its rig back. `tolerated`: other scenarios' poison,
 * which may reach the dead letters while this one settles (--short).
 */
export async function finishScenario(
  ran: RanScenario,
  { kafka, servers }: Harness,
  rigs: Rigs,
  options: RunOptions & { tolerated?: string[] },
): Promise<ScenarioOutcome> {
  const { scenario, plan, rig, start, phases } = ran;
  let failed = true;
  try {
    const settled = await ran.settled;
    if ('error' in settled) throw settled.error;
    phases.record('settle', (settled.at - ran.ranAt) / 1000);
    if (options.breakPlan === 'duplicate') await injectSecondDecided(kafka, plan, start);
    const oracle = await phases.time('oracle', () =>
      runOracle({
        plan: options.breakPlan === 'lost' ? withUnproducedVote(plan) : plan,
        tolerated: options.tolerated ?? [],
        kafka,
        databaseUrl: servers.env.DATABASE_URL,
        governancePort: rig.fleet.running()[0].port,
        start,
      }),
    );
    failed = oracle.problems.length > 0;
    const recoverySeconds = (settled.at - ran.faultsEndedAt) / 1000;
    const seconds = (settled.at - ran.startedAt) / 1000 + phases.of('oracle');
    return { name: scenario.name, ...oracle, recoverySeconds, seconds };
  } finally {
    await phases.time('teardown', () => rigs.release(rig, failed));
    report(scenario.name, ran.governanceStarts, phases);
  }
}
