import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { resolve } from 'node:path';
import { errorMessage } from '@sanshe/common';
import { ensureBuiltApps, ensureWorkflowBundle } from '@sanshe/infra';
import { PhaseTimes } from './phases';
import { lockStateDir } from './run-lock';
import { activeTeardown, connectHarness, type Harness, Rigs, type RunOptions } from './rig';
import { finishScenario, type RanScenario, runScenario, type ScenarioOutcome } from './run-scenario';
import type { ChaosScenario } from './scenario';
import { ChaosServers } from './servers';

const ROOT = resolve(__dirname, '../..');

export interface ChaosOptions extends RunOptions {
  /** Every scenario, in the order they run (chaos/scenarios/index.ts). */
  scenarios: ChaosScenario[];
  only?: string[];
}

async function migrateGovernance(env: NodeJS.ProcessEnv): Promise<void> {
  const child = spawn(process.execPath, ['-r', '@swc-node/register', 'apps/governance/migrations/run.ts'], {
    cwd: ROOT,
    env,
    stdio: 'inherit',
  });
  const [code] = (await once(child, 'exit')) as [number | null];
  if (code !== 0) throw new Error('governance migrations failed (see above)');
}

type Row = ScenarioOutcome | { name: string; error: string };

function printTable(rows: Row[]): void {
  const header = [
    'scenario',
    'planned',
    'applied',
    'dup. absorbed',
    'dead letters',
    'lost',
    'duplicated',
    'recovery',
    'took',
    'result',
  ];
  const lines = rows.map((row) =>
    'error' in row
      ? [row.name, '-', '-', '-', '-', '-', '-', '-', '-', 'FAILED']
      : [
          row.name,
          row.planned,
          row.applied,
          row.duplicatesAbsorbed,
          row.deadLetters,
          row.lost,
          row.duplicated,
          `${row.recoverySeconds.toFixed(1)} s`,
          `${row.seconds.toFixed(0)} s`,
          row.problems.length ? 'FAILED' : 'ok',
        ].map(String),
  );
  const widths = header.map((h, i) => Math.max(h.length, ...lines.map((l) => l[i].length)));
  const format = (cells: string[]) => cells.map((c, i) => c.padEnd(widths[i])).join('  ');
  console.log(`\n${format(header)}\n${widths.map((w) => '-'.repeat(w)).join('  ')}`);
  for (const line of lines) console.log(format(line));
  for (const row of rows) {
    const problems = 'error' in row ? [row.error] : row.problems;
    for (const problem of problems) console.log(`  ${row.name}: ${problem}`);
  }
}

/**
 * The scenarios one after another. The full run settles each and runs its oracle before the next starts.
 * --short lets a scenario settle while the next ones run (a settle mostly waits for retries, e.g. of an
 * activity lost with a killed worker: 30 s) and runs its oracle between two runs, once it settled.
 */
async function runAll(scenarios: ChaosScenario[], harness: Harness, rigs: Rigs, options: RunOptions): Promise<Row[]> {
  const rows: Row[] = [];
  const tolerated = options.short ? scenarios.flatMap((s) => s.plan({ short: true }).poison) : [];
  const pending: { index: number; ran: RanScenario }[] = [];
  const finishPending = async (all: boolean) => {
    for (let next = pending[0]; next && (all || next.ran.isSettled()); next = pending[0]) {
      pending.shift();
      rows[next.index] = await finishScenario(next.ran, harness, rigs, { ...options, tolerated }).catch(
        (err: unknown) => failedRow(next.ran.scenario, err),
      );
    }
  };
  for (const [index, scenario] of scenarios.entries()) {
    console.log(`\n${scenario.name}: ${scenario.description}${options.short ? ' (short)' : ''}`);
    const ran = await runScenario(scenario, harness, rigs, options).catch((err: unknown) => failedRow(scenario, err));
    if ('error' in ran) rows[index] = ran;
    else pending.push({ index, ran });
    await finishPending(!options.short || scenario.settlesAlone === true);
  }
  await finishPending(true);
  return rows;
}

const failedRow = (scenario: ChaosScenario, err: unknown) => ({ name: scenario.name, error: errorMessage(err) });

/** Starts the suite's servers, runs the scenarios one after another, prints the table; the exit code. */
export async function runChaos(options: ChaosOptions): Promise<number> {
  const runStartedAt = Date.now();
  const { only } = options;
  const scenarios = only ? options.scenarios.filter((s) => only.includes(s.name)) : options.scenarios;
  if (only && scenarios.length !== only.length) {
    console.error(`unknown scenario; choose from ${options.scenarios.map((s) => s.name).join(', ')}`);
    return 2;
  }
  const servers = new ChaosServers();
  const unlock = lockStateDir(servers.stateDir);
  const phases = new PhaseTimes();
  const teardown = async () => {
    for (const step of [...activeTeardown].reverse()) await step().catch(() => undefined);
    await servers.stop();
    unlock();
  };
  process.once('SIGINT', () => void teardown().finally(() => process.exit(130)));
  process.once('SIGTERM', () => void teardown().finally(() => process.exit(143)));
  const rows: Row[] = [];
  try {
    console.log(`chaos: servers in ${servers.stateDir}: ${JSON.stringify(servers.env)}`);
    // Every governance start loads the bundle instead of running webpack: the one the sources' hash names, made
    // once and reused (npm test's main pass has made it already).
    let workflowBundle = '';
    const env = { ...process.env, ...servers.env };
    await phases.time('servers', () =>
      servers.start(
        () =>
          Promise.all([
            phases.time('bundle', async () => void ({ path: workflowBundle } = await ensureWorkflowBundle())),
            // Governance runs from the build, as in production: it starts on a third less CPU than from source.
            phases.time('build', async () => void (process.env.SANSHE_APPS_FROM ??= (await ensureBuiltApps()).folder)),
          ]).then(() => undefined),
        () => phases.time('migrate', () => migrateGovernance(env)),
      ),
    );
    const harness = await connectHarness(servers, workflowBundle);
    const rigs = new Rigs(harness, options);
    rows.push(...(await runAll(scenarios, harness, rigs, options)));
    await phases.time('rig down', () => rigs.close());
    await harness.temporal.connection.close();
  } finally {
    await phases.time('servers down', teardown);
  }
  printTable(rows);
  console.log(`\nchaos: phases outside the scenarios: ${phases.summary()}`);
  console.log(`\nchaos: ${((Date.now() - runStartedAt) / 1000).toFixed(0)} s in all`);
  const failed = rows.some((row) => 'error' in row || row.problems.length > 0);
  return failed ? 1 : 0;
}
