import { spawnSync } from 'node:child_process';
import { resolve } from 'node:path';
import { errorMessage } from '@sanshe/common';
import { SCENARIOS } from '../scenarios';
import { lockStateDir } from './run-lock';
import { activeTeardown, connectHarness, type RunOptions, runScenario, type ScenarioOutcome } from './run-scenario';
import { ChaosServers } from './servers';

const ROOT = resolve(__dirname, '../..');

export interface ChaosOptions extends RunOptions {
  only?: string[];
}

function migrateGovernance(env: NodeJS.ProcessEnv): void {
  const result = spawnSync(process.execPath, ['-r', '@swc-node/register', 'apps/governance/migrations/run.ts'], {
    cwd: ROOT,
    env,
    stdio: 'inherit',
  });
  if (result.status !== 0) throw new Error('governance migrations failed (see above)');
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
    'result',
  ];
  const lines = rows.map((row) =>
    'error' in row
      ? [row.name, '-', '-', '-', '-', '-', '-', '-', 'FAILED']
      : [
          row.name,
          row.planned,
          row.applied,
          row.duplicatesAbsorbed,
          row.deadLetters,
          row.lost,
          row.duplicated,
          `${row.recoverySeconds.toFixed(1)} s`,
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

/** Starts the suite's servers, runs the scenarios one after another, prints the table; the exit code. */
export async function runChaos(options: ChaosOptions): Promise<number> {
  const { only } = options;
  const scenarios = only ? SCENARIOS.filter((s) => only.includes(s.name)) : SCENARIOS;
  if (only && scenarios.length !== only.length) {
    console.error(`unknown scenario; choose from ${SCENARIOS.map((s) => s.name).join(', ')}`);
    return 2;
  }
  const servers = new ChaosServers();
  const unlock = lockStateDir(servers.stateDir);
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
    await servers.start();
    const env = { ...process.env, ...servers.env };
    migrateGovernance(env);
    const harness = await connectHarness(servers);
    for (const scenario of scenarios) {
      console.log(`\n${scenario.name}: ${scenario.description}${options.short ? ' (short)' : ''}`);
      rows.push(
        await runScenario(scenario, harness, options).catch((err: unknown) => ({
          name: scenario.name,
          error: errorMessage(err),
        })),
      );
    }
    await harness.temporal.connection.close();
  } finally {
    await teardown();
  }
  printTable(rows);
  const failed = rows.some((row) => 'error' in row || row.problems.length > 0);
  return failed ? 1 : 0;
}
