import { randomBytes } from 'node:crypto';
import { loadavg } from 'node:os';
import { Client, Connection } from '@temporalio/client';
import { DefaultLogger, NativeConnection, Runtime, Worker } from '@temporalio/worker';
import { RssSampler } from '../events/measure';
import { runningPid } from '../../infra/local/processes';
import type { BenchActivities } from './api';
import { configFromCli, runBenchmark } from '../cli';
import { type BenchConfig, describeConfig, loadConfig, usage, watchdogMs } from './config';
import { terminateLeftovers } from './load';
import { ResourceMeter } from './resources';
import { type PhaseContext, type PhaseResult, runBaselineA, runBaselineB, runDecisions } from './phases';
import { resultJson, resultTable, type Summary } from './report';

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

/** No-op fakes: the bench measures the workflow engine path, not publishing. */
const activities: BenchActivities = {
  noopActivity: async () => undefined,
  publishDecisionEvent: async () => undefined,
};

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
  const open = new Set<string>();
  let connection: Connection;
  try {
    connection = await Connection.connect({ address: cfg.temporalAddress, connectTimeout: 5_000 });
  } catch (err) {
    console.error(
      `cannot reach Temporal at ${cfg.temporalAddress} (npm run infra:up starts it): ` +
        (err instanceof Error ? err.message : String(err)),
    );
    console.log(resultJson(summary));
    return 1;
  }
  const client = new Client({ connection, namespace: cfg.namespace });
  let nativeConnection: NativeConnection | undefined;
  let worker: Worker | undefined;
  let running: Promise<void> | undefined;

  const cleanUp = async () => {
    const terminated = await terminateLeftovers(client, open, taskQueue);
    console.log(`clean-up: terminated ${terminated} workflow(s) left running`);
    if (worker && worker.getState() === 'RUNNING') worker.shutdown();
    await running?.catch((err: unknown) => console.error(`worker stopped with: ${String(err)}`));
    await nativeConnection?.close();
    await connection.close();
  };

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

  try {
    nativeConnection = await NativeConnection.connect({ address: cfg.temporalAddress });
    const t0 = performance.now();
    worker = await Worker.create({
      connection: nativeConnection,
      namespace: cfg.namespace,
      taskQueue,
      workflowsPath: require.resolve('./workflows'),
      activities,
    });
    summary.bundleS = (performance.now() - t0) / 1000;
    console.log(`worker on task queue ${taskQueue} (bundle + create ${summary.bundleS.toFixed(1)} s)`);
    running = worker.run();

    const ctx: PhaseContext = { client, cfg, taskQueue, runId, open };
    const phase = async (
      name: string,
      title: string,
      run: () => Promise<PhaseResult>,
    ): Promise<PhaseResult | Error> => {
      console.log(`\n${title} …`);
      const rss = new RssSampler().start();
      const withServer = new RssSampler();
      if (serverPid !== undefined) withServer.addPid(serverPid);
      withServer.start();
      const usage = new ResourceMeter(serverPid);
      try {
        const result = await run();
        result.notes.push(usage.describe());
        return result;
      } catch (err) {
        console.error(`  ${name} failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
        return err instanceof Error ? err : new Error(String(err));
      } finally {
        summary.rssMiB[name] = rss.stop();
        if (serverPid !== undefined) summary.serverRssMiB[name] = withServer.stop();
        else withServer.stop();
      }
    };
    const show = (r: PhaseResult | Error) => {
      if (r instanceof Error) return;
      console.log(
        `  ${r.workflowsPerSec.toFixed(1)} workflows/s, ${Math.round(r.eventsPerSec)} history events/s` +
          (r.updates ? `, update p50 ${r.updates.p50Ms.toFixed(1)} ms p99 ${r.updates.p99Ms.toFixed(1)} ms` : ''),
      );
    };

    summary.baseline = await phase('(A)', '(A) baseline: workflows running one no-op activity', () =>
      runBaselineA(ctx),
    );
    show(summary.baseline);
    summary.updates = await phase('(B)', '(B) baseline: no-op Updates, then a done signal', () => runBaselineB(ctx));
    show(summary.updates);
    summary.decisions = await phase('(C)', '(C) decisionWorkflow: votes by executeUpdate until decided', () =>
      runDecisions(ctx),
    );
    show(summary.decisions);
  } catch (err) {
    console.error(`setup failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
    await cleanUp();
    console.log(resultJson(summary));
    return 1;
  }

  await cleanUp();
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
  const failed =
    summary.serverRestarted ||
    [summary.baseline, summary.updates, summary.decisions].some(
      (r) => r instanceof Error || r?.run.timedOut || (r?.run.failed ?? 0) > 0,
    );
  console.log(resultJson(summary));
  return failed ? 1 : 0;
}

runBenchmark(main, () => clearTimeout(watchdog));
