import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { mintDevToken } from '@sanshe/auth';
import { SERVICES } from '@sanshe/config';
import { type AppProcess, stopApp, waitUntilHealthy } from '../apps';
import { appEntryArgs } from '../built-apps';
import { ADMIN_USER, kafkaSecurityMode, localKafkaLoginEnv } from '../kafka-security';
import { STATE_DIR } from '../paths';
import { changedTables, schemaFingerprint } from './fuzz-database';
import { bodyWrites, documentedOperations, failureCount, type OperationTally, tallyEvents } from './fuzz-report';
import { FUZZ_PORT_OFFSET, type FuzzedService, fuzzToken } from './fuzz-targets';
import { passOptions, runSchemathesis } from './run-schemathesis';

export interface FuzzSettings {
  st: string;
  databaseUrl: string;
  maxExamples: number;
  seed: number;
  timeLimitMs: number;
  /** Schemathesis' phases (all four when not given). */
  phases?: string;
}

export interface ServiceFuzzResult {
  service: FuzzedService;
  tallies: OperationTally[];
  /** Problems beyond the checks' failures: a time limit hit, st erring, a refused request that wrote. */
  problems: string[];
  seconds: number;
  /** st's own output of both passes: each failure's details and how to reproduce it. */
  details: string;
}

/** Processes this run started, stopped on the way out whatever happens (by their own pids). */
export const startedApps = new Set<AppProcess>();

/** Its own consumer group (from the topics' ends) and task queues: it takes nothing from other processes. */
function isolatedEnv(service: FuzzedService, databaseUrl: string): NodeJS.ProcessEnv {
  const run = `fuzz-${randomUUID().slice(0, 8)}`;
  return {
    ...process.env,
    DATABASE_URL: databaseUrl,
    KAFKA_GROUP_ID: `${run}-${service}`,
    KAFKA_FROM_BEGINNING: 'false',
    GOVERNANCE_TASK_QUEUE: `${run}-governance`,
    GOVERNANCE_FUNDING_TASK_QUEUE: `${run}-funding`,
    FUNDING_TEMPORAL_TASK_QUEUE: `${run}-funding`,
    TALENT_TEMPORAL_TASK_QUEUE: `${run}-talent`,
  };
}

/**
 * Runs the service from source as startApp does, but on the local secured broker logged in as its admin (as the
 * tests are): the service's own user may use only its own consumer group, which the fuzzed copy must not join
 * (it would take the running service's partitions and events).
 */
function startFuzzedApp(service: FuzzedService, port: number, databaseUrl: string): AppProcess {
  const env = isolatedEnv(service, databaseUrl);
  const login = kafkaSecurityMode(env) === 'scram' ? localKafkaLoginEnv(join(STATE_DIR, 'kafka'), ADMIN_USER) : {};
  const child = spawn(process.execPath, appEntryArgs(service, env), {
    cwd: resolve(__dirname, '../../..'),
    env: { ...env, ...login, PORT: String(port), NO_COLOR: '1' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  // Every request is a log line: keep only errors (and anything not JSON, such as a stack), the last 50 000 characters.
  let output = '';
  const kept = (line: string) => !line.startsWith('{') || /"level":("error"|"fatal"|5\d|60)/.test(line);
  const collect = (chunk: Buffer) => {
    const lines = chunk
      .toString()
      .split('\n')
      .filter((line) => line && kept(line));
    if (lines.length) output = `${output}${lines.join('\n')}\n`.slice(-50_000);
  };
  child.stdout?.on('data', collect);
  child.stderr?.on('data', collect);
  return { service, port, child, output: () => output };
}

/** Polls /health until the outbox has nothing unsent, so that the relay changes no row during a comparison. */
async function outboxDrained(port: number, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const health = (await (await fetch(`http://127.0.0.1:${port}/health`)).json()) as {
      info?: { outbox?: { unsent?: number } };
    };
    if ((health.info?.outbox?.unsent ?? 0) === 0) return;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`the outbox on port ${port} still had unsent events after ${timeoutMs / 1000} s`);
}

/**
 * Starts the service, fuzzes its document with every check, then sends only invalid writes and compares the
 * service's tables before and after: a refused request writes nothing. Stops the service it started.
 */
export async function fuzzService(service: FuzzedService, settings: FuzzSettings): Promise<ServiceFuzzResult> {
  const started = Date.now();
  const port = SERVICES[service].defaultPort + FUZZ_PORT_OFFSET;
  const app = startFuzzedApp(service, port, settings.databaseUrl);
  startedApps.add(app);
  try {
    await waitUntilHealthy(app);
    const documentUrl = `http://127.0.0.1:${port}/docs/openapi.json`;
    const document = (await (await fetch(documentUrl)).json()) as Parameters<typeof bodyWrites>[0];
    const documented = documentedOperations(document);
    const token = await mintDevToken(STATE_DIR, fuzzToken(service));
    const passes = passOptions(settings.phases, bodyWrites(document));
    const base = { ...settings, documentUrl, token, extraArgs: passes.everyCheck };
    const problems: string[] = [];
    const all = await runSchemathesis(base);
    const tallies = tallyEvents(all.events, documented);
    problems.push(...runProblems('every check', all, tallies));

    await outboxDrained(port);
    const before = await schemaFingerprint(settings.databaseUrl, SERVICES[service].schema);
    const refused = await runSchemathesis({
      ...base,
      extraArgs: passes.invalidWrites,
    });
    const refusedTallies = tallyEvents(refused.events, documented);
    const wrote = changedTables(before, await schemaFingerprint(settings.databaseUrl, SERVICES[service].schema));
    const accepted = refusedTallies.filter((t) => t.accepted > 0).map((t) => `${t.operation} (${t.accepted})`);
    const consumed = wrote.filter((table) => table.includes('inbox'));
    // A "negative" case Schemathesis could not make invalid may be accepted (its own check judges that), and an
    // event consumed meanwhile writes too: the tables are compared only when neither happened.
    if (accepted.length) console.log(`  ${service}: writes not compared, accepted: ${accepted.join(', ')}`);
    else if (consumed.length) console.log(`  ${service}: writes not compared, events consumed: ${consumed.join('; ')}`);
    else if (wrote.length) problems.push(`refused writes changed tables:\n    ${wrote.join('\n    ')}`);
    problems.push(...runProblems('invalid writes', refused, refusedTallies));
    const details = join(tmpdir(), 'sanshe-fuzz', `${service}.txt`);
    mkdirSync(join(tmpdir(), 'sanshe-fuzz'), { recursive: true });
    const serviceLog = `--- ${service}'s own output (errors only, the last 50 000 characters) ---\n\n${app.output()}`;
    writeFileSync(details, `${all.output}\n\n--- invalid writes ---\n\n${refused.output}\n\n${serviceLog}`);
    const seconds = (Date.now() - started) / 1000;
    return { service, tallies: merge(tallies, refusedTallies), problems, seconds, details };
  } finally {
    await stopApp(app);
    startedApps.delete(app);
  }
}

/** A run that timed out, or failed without any failing check to show for it (st's own error). */
function runProblems(pass: string, run: Awaited<ReturnType<typeof runSchemathesis>>, tallies: OperationTally[]) {
  if (run.timedOut) return [`${pass}: stopped at the time limit after ${run.seconds.toFixed(0)} s`];
  const errors = /^=+ ERRORS =+$([\s\S]*?)^=+ [A-Z]+ =+$/m.exec(run.output);
  if (errors) return [`${pass}: st could not test every operation:${errors[1].replace(/\n+/g, '\n    ')}`];
  const failed = tallies.some((t) => failureCount(t) > 0);
  if (run.exitCode !== 0 && !failed) return [`${pass}: st exited ${run.exitCode}:\n${run.output.slice(-3000)}`];
  return [];
}

function merge(a: OperationTally[], b: OperationTally[]): OperationTally[] {
  const rows = new Map(a.map((t) => [t.operation, { ...t, failures: { ...t.failures } }]));
  for (const t of b) {
    const row = rows.get(t.operation) ?? { operation: t.operation, cases: 0, accepted: 0, failures: {} };
    row.cases += t.cases;
    row.accepted += t.accepted;
    for (const [check, count] of Object.entries(t.failures)) row.failures[check] = (row.failures[check] ?? 0) + count;
    rows.set(t.operation, row);
  }
  return [...rows.values()].sort((x, y) => x.operation.localeCompare(y.operation));
}
