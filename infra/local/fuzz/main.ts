/**
 * `npm run fuzz [-- --short] [--only governance,…] [--max-examples N] [--seed N]`: fuzzes every service's
 * OpenAPI document with Schemathesis (all checks, valid tokens), one service at a time, each started from
 * source on its port + 2000 against the running local servers and a database of its own; prints per service
 * and per operation the cases and the failures by check, and exits 1 on any failure. docs/testing.md,
 * "Fuzzing the HTTP APIs".
 */
import { spawnSync } from 'node:child_process';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { errorMessage } from '@sanshe/common';
import { parsePlatformEnv } from '@sanshe/config';
import { stopApp } from '../apps';
import { ensureWorkflowBundle } from '../workflow-bundle';
import { ensureFuzzDatabase } from './fuzz-database';
import { formatTally, newFailures } from './fuzz-report';
import { fuzzService, type ServiceFuzzResult, startedApps } from './fuzz-service';
import { FUZZED_SERVICES, type FuzzedService, isKnownGap, KNOWN_GAPS } from './fuzz-targets';
import { ensureSchemathesis } from './schemathesis';

const USAGE = 'npm run fuzz [-- --short] [--only <service>,…] [--max-examples <n>] [--seed <n>]';
/**
 * The short form inside `npm test`: one service, few cases per operation, and no coverage phase (its boundary
 * cases are most of a run's time; the full run has them).
 */
const SHORT = { services: ['governance'] as FuzzedService[], maxExamples: 5, phases: 'examples,fuzzing,stateful' };
const FULL_MAX_EXAMPLES = 50;
const DEFAULT_SEED = 20261128;

function options() {
  const { values } = parseArgs({
    options: {
      short: { type: 'boolean', default: false },
      only: { type: 'string' },
      'max-examples': { type: 'string' },
      seed: { type: 'string' },
      help: { type: 'boolean', default: false },
    },
  });
  const services = values.only
    ? values.only.split(',').map((name) => name.trim() as FuzzedService)
    : values.short
      ? SHORT.services
      : [...FUZZED_SERVICES];
  const unknown = services.filter((service) => !FUZZED_SERVICES.includes(service));
  const maxExamples = Number(values['max-examples'] ?? (values.short ? SHORT.maxExamples : FULL_MAX_EXAMPLES));
  const seed = Number(values.seed ?? DEFAULT_SEED);
  const problem = values.help
    ? ''
    : unknown.length
      ? `unknown service ${unknown.join(', ')} (one of ${FUZZED_SERVICES.join(', ')})`
      : !(Number.isInteger(maxExamples) && maxExamples > 0) || !Number.isInteger(seed)
        ? '--max-examples takes a positive integer, --seed an integer'
        : undefined;
  return { services, maxExamples, seed, phases: values.short ? SHORT.phases : undefined, help: values.help, problem };
}

/** Each fuzzed service's migrations, in the fuzz database (DATABASE_URL): only those, one after another. */
function migrate(services: readonly FuzzedService[]): void {
  for (const service of services) {
    const run = spawnSync(process.execPath, ['-r', '@swc-node/register', `apps/${service}/migrations/run.ts`], {
      cwd: resolve(__dirname, '../../..'),
      stdio: 'inherit',
    });
    if (run.status !== 0) throw new Error(`the migrations of ${service} failed (see above)`);
  }
}

function summary(results: ServiceFuzzResult[]): number {
  let failed = false;
  for (const result of results) {
    const known = isKnownGap(result.service);
    console.log(`\n${formatTally(result.service, result.tallies, known)}  (${result.seconds.toFixed(0)} s)`);
    for (const problem of result.problems) console.log(`  PROBLEM ${problem}`);
    console.log(`  details: ${result.details}`);
    failed ||= result.problems.length > 0 || newFailures(result.tallies, known).length > 0;
  }
  for (const [gap, reason] of Object.entries(KNOWN_GAPS)) console.log(`\nknown gap: ${gap} — ${reason}`);
  const cases = results.map((r) => `${r.service} ${r.tallies.reduce((sum, t) => sum + t.cases, 0)}`);
  console.log(`\nfuzz: ${failed ? 'FAILED' : 'ok'} — cases ${cases.join(', ')}`);
  return failed ? 1 : 0;
}

async function main(): Promise<number> {
  const { services, maxExamples, seed, phases, help, problem } = options();
  if (help || problem) {
    console[problem ? 'error' : 'log'](problem ? `${problem}\n${USAGE}` : USAGE);
    return problem ? 2 : 0;
  }
  const started = Date.now();
  const st = ensureSchemathesis();
  const databaseUrl = await ensureFuzzDatabase(parsePlatformEnv(process.env).DATABASE_URL);
  process.env.DATABASE_URL = databaseUrl; // the migrations below, and every service started, work there
  migrate(services);
  // Governance loads the run's prebuilt workflow bundle (npm test builds one; kept by the sources' hash) rather
  // than running webpack as it starts.
  if (services.includes('governance') && !process.env.GOVERNANCE_WORKFLOW_BUNDLE) {
    process.env.GOVERNANCE_WORKFLOW_BUNDLE = (await ensureWorkflowBundle()).path;
  }
  console.log(
    `fuzz: ${services.join(', ')}; ${maxExamples} examples per operation, seed ${seed}, ${phases ?? 'every phase'}`,
  );
  const results: ServiceFuzzResult[] = [];
  for (const service of services) {
    // A bound per service: start-up (90 s at most) aside, two passes of st well within it.
    results.push(await fuzzService(service, { st, databaseUrl, maxExamples, seed, phases, timeLimitMs: 300_000 }));
    const last = results[results.length - 1];
    console.log(`fuzz: ${service} done in ${last.seconds.toFixed(0)} s`);
  }
  const code = summary(results);
  console.log(`fuzz: ${((Date.now() - started) / 1000).toFixed(0)} s in all`);
  return code;
}

const stopStarted = () => Promise.all([...startedApps].map((app) => stopApp(app, 10_000)));

process.once('SIGINT', () => void stopStarted().then(() => process.exit(130)));
process.once('SIGTERM', () => void stopStarted().then(() => process.exit(143)));

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    console.error(`fuzz: ${errorMessage(err)}`);
    void stopStarted().then(() => process.exit(1));
  },
);
