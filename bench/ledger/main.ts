import { randomBytes } from 'node:crypto';
import { loadavg } from 'node:os';
import { Pool } from 'pg';
import { errorMessage } from '@sanshe/common';
import { quoteIdentifier } from '@sanshe/persistence';
import { configFromCli, runBenchmark } from '../shared/cli';
import { runBaseline } from './baseline';
import { describeConfig, type LedgerBenchConfig, loadConfig, usage } from './config';
import { prepareSchema, runLedgerPhase } from './ledger-phase';
import { type LedgerRun, resultLines, runTable } from './report';

/**
 * `npm run bench:ledger`: postings/s through funding's Ledger.post (b) against raw `pg` transactions of
 * the same shape on the same tables (a), the same connection count, `--runs` times (3 by default), in a
 * schema of its own on the local PostgreSQL, dropped afterwards. Not part of `npm test`. The target
 * (b)/(a) ≥ 0.7 is judged on the median of the runs' ratios. Last line of output: one JSON object.
 * Exit codes: 0 measured; 1 a phase failed; 3 watchdog.
 */
let watchdog: NodeJS.Timeout | undefined;

async function main(): Promise<number> {
  const cli = configFromCli(process.argv.slice(2), process.env, loadConfig, usage);
  if ('exitCode' in cli) return cli.exitCode;
  const cfg: LedgerBenchConfig = cli.config;
  console.log(`bench:ledger\n${describeConfig(cfg)}`);
  const watchdogMs = cfg.runs * (4 * cfg.phaseTimeoutMs + 60_000) + 120_000;
  watchdog = setTimeout(() => {
    console.error(`\nwatchdog: the run took longer than ${watchdogMs / 1000} s; stopping`);
    process.exit(3);
  }, watchdogMs);

  const schema = `bench_ledger_${Date.now()}_${randomBytes(3).toString('hex')}`;
  const runs: LedgerRun[] = [];
  try {
    await prepareSchema(schema);
    for (let run = 1; run <= cfg.runs; run++) {
      const loadAverage = loadavg()[0] ?? 0;
      console.log(`\n══ run ${run} of ${cfg.runs} (load average ${loadAverage.toFixed(2)}) ══`);
      const baseline = await runBaseline(cfg, schema, run);
      console.log(`  (a) raw pg: ${Math.round(baseline.perSec)} postings/s`);
      const ledger = await runLedgerPhase(cfg, schema, run);
      console.log(`  (b) Ledger.post: ${Math.round(ledger.perSec)} postings/s (ledger:verify ok)`);
      runs.push({ baseline, ledger, loadAverage });
    }
  } catch (err) {
    console.error(`bench:ledger failed: ${errorMessage(err)}`);
    return 1;
  } finally {
    await dropSchema(cfg.databaseUrl, schema);
  }
  console.log(`\n${runTable(runs)}`);
  for (const line of resultLines(runs)) console.log(line);
  return 0;
}

async function dropSchema(databaseUrl: string, schema: string): Promise<void> {
  const pool = new Pool({ connectionString: databaseUrl, max: 1 });
  await pool.query(`DROP SCHEMA IF EXISTS ${quoteIdentifier(schema)} CASCADE`).catch((err: unknown) => {
    console.warn(`  warning: drop schema ${schema} failed: ${errorMessage(err)}`);
  });
  await pool.end();
}

runBenchmark(main, () => clearTimeout(watchdog));
