import { randomBytes } from 'node:crypto';
import { loadavg } from 'node:os';
import { errorMessage, errorStack } from '@sanshe/common';
import { runningPid } from '@sanshe/infra';
import { Client, Connection } from '@temporalio/client';
import { DefaultLogger, Runtime } from '@temporalio/worker';
import { configFromCli, runBenchmark } from '../shared/cli';
import { RssSampler } from '../shared/measure';
import { runPhase } from '../shared/phase';
import { type BenchConfig, describeConfig, loadConfig, usage, watchdogMs } from './config';
import { terminateLeftovers } from './load';
import { type PhaseContext, type PhaseResult, runBaselineA, runBaselineB, runDecisions } from './phases';
import { resultJson, resultTable, type Summary } from './report';
import { ResourceMeter } from './resources';
import { BenchWorker } from './worker';

/**
 * `npm run bench:decisions`: the decision workflow against two baselines on the local Temporal dev
 * server, in one run, with one in-process worker on a task queue of its own. Last line: one JSON object.
 * Exit codes: 0 all measured (targets met or not); 1 a phase or the setup failed, or the server
 * restarted mid-run; 3 watchdog.
 */
let watchdog: NodeJS.Timeout | undefined;

/** The dev server infra/local started (its pid file), if it runs: for its RSS, and to notice a restart mid-run. */
const temporalServerPid = () => runningPid('temporal', 'start-dev');
const load = () =>
  loadavg()
    .map((x) => x.toFixed(2))
    .join(' ');

async function main(): Promise<number> {
  const cli = configFromCli(process.argv.slice(2), process.env, loadConfig, usage);
  if ('exitCode' in cli) return cli.exitCode;
  const cfg: BenchConfig = cli.config;
  const runId = `bench-decisions-${Date.now().toString(36)}-${randomBytes(3).toString('hex')}`;
  const taskQueue = runId;
  console.log(`bench:decisions ${runId}\n${describeConfig(cfg)}`);

  // The worker's own lifecycle lines would drown the results; warnings and errors still show.
  Runtime.install({ logger: new DefaultLogger('WARN') });

  const summary: Summary = { rssMiB: {}, serverRssMiB: {}, warnings: [] };
  const serverPid = temporalServerPid();
  console.log(
    `Temporal dev server pid ${serverPid ?? 'unknown (not started by infra/local?)'}; load average ${load()}`,
  );
  let connection: Connection;
  try {
    connection = await Connection.connect({ address: cfg.temporalAddress, connectTimeout: 5_000 });
  } catch (err) {
    console.error(`cannot reach Temporal at ${cfg.temporalAddress} (npm run infra:up starts it): ${errorMessage(err)}`);
    console.log(resultJson(summary));
    return 1;
  }
  const client = new Client({ connection, namespace: cfg.namespace });
  const open = new Set<string>();
  const worker = new BenchWorker();
  const cleanUp = async () => {
    const terminated = await terminateLeftovers(client, open, taskQueue);
    console.log(`clean-up: terminated ${terminated} workflow(s) left running`);
    await worker.stop();
    await connection.close();
  };
  armWatchdog(cfg, summary, cleanUp);

  try {
    summary.bundleS = await worker.start(cfg, taskQueue);
    console.log(`worker on task queue ${taskQueue} (bundle + create ${summary.bundleS.toFixed(1)} s)`);
    await measurePhases({ client, cfg, taskQueue, runId, open }, summary, serverPid);
  } catch (err) {
    console.error(`setup failed: ${errorStack(err)}`);
    await cleanUp();
    console.log(resultJson(summary));
    return 1;
  }

  await cleanUp();
  const failed = verdict(summary, serverPid);
  console.log(resultJson(summary));
  return failed ? 1 : 0;
}

/** Past the longest a run may take, prints what was measured, cleans up (bounded) and exits with 3. */
function armWatchdog(cfg: BenchConfig, summary: Summary, cleanUp: () => Promise<void>): void {
  const limitMs = watchdogMs(cfg);
  watchdog = setTimeout(() => {
    console.error(`\nwatchdog: the run took longer than ${limitMs / 1000} s; stopping`);
    console.log(resultTable(summary));
    const exit = () => {
      console.log(resultJson(summary));
      process.exit(3);
    };
    // Best effort, bounded: leave nothing running on the dev server.
    const cap = setTimeout(exit, 15_000);
    void cleanUp().finally(() => {
      clearTimeout(cap);
      exit();
    });
  }, limitMs);
}

/** (A), (B) and (C) one after another, each with its RSS (with and without the dev server) and CPU use. */
async function measurePhases(ctx: PhaseContext, summary: Summary, serverPid: number | undefined): Promise<void> {
  const phase = (name: string, title: string, run: () => Promise<PhaseResult>): Promise<PhaseResult | Error> => {
    const rss = new RssSampler();
    const withServer = new RssSampler();
    if (serverPid !== undefined) withServer.addPid(serverPid);
    const measured = async () => {
      rss.start();
      withServer.start();
      const usage = new ResourceMeter(serverPid);
      const result = await run();
      result.notes.push(usage.describe());
      return result;
    };
    return runPhase(name, title, measured, () => {
      summary.rssMiB[name] = rss.stop();
      if (serverPid !== undefined) summary.serverRssMiB[name] = withServer.stop();
      else withServer.stop();
    });
  };
  const show = (r: PhaseResult | Error) => {
    if (r instanceof Error) return;
    console.log(
      `  ${r.workflowsPerSec.toFixed(1)} workflows/s, ${Math.round(r.eventsPerSec)} history events/s` +
        (r.updates ? `, update p50 ${r.updates.p50Ms.toFixed(1)} ms p99 ${r.updates.p99Ms.toFixed(1)} ms` : ''),
    );
  };

  summary.baseline = await phase('(A)', '(A) baseline: workflows running one no-op activity', () => runBaselineA(ctx));
  show(summary.baseline);
  summary.updates = await phase('(B)', '(B) baseline: no-op Updates, then a done signal', () => runBaselineB(ctx));
  show(summary.updates);
  summary.decisions = await phase('(C)', '(C) decisionWorkflow: votes by executeUpdate until decided', () =>
    runDecisions(ctx),
  );
  show(summary.decisions);
}

/** Prints the results; true when a phase failed or timed out, or the dev server restarted mid-run. */
function verdict(summary: Summary, serverPid: number | undefined): boolean {
  const serverPidAfter = temporalServerPid();
  summary.serverRestarted = serverPid !== serverPidAfter;
  if (summary.serverRestarted) {
    summary.warnings.push(
      `the Temporal dev server changed during the run (pid ${serverPid ?? '–'} → ${serverPidAfter ?? '–'}): ` +
        'something restarted it; these figures are not valid',
    );
  }
  summary.loadAverage = `${load()} at the end`;
  console.log(resultTable(summary));
  return (
    summary.serverRestarted ||
    [summary.baseline, summary.updates, summary.decisions].some(
      (r) => r instanceof Error || r?.run.timedOut || (r?.run.failed ?? 0) > 0,
    )
  );
}

runBenchmark(main, () => clearTimeout(watchdog));
