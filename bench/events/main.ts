import { loadavg } from 'node:os';
import { configFromCli, runBenchmark } from '../shared/cli';
import { RssSampler } from '../shared/measure';
import { runPhase } from '../shared/phase';
import { type BenchConfig, describeConfig, loadConfig, usage } from './config';
import type { RateResult } from './measure';
import { runKafkajsBaseline } from './kafkajs-baseline';
import { runPgBaseline } from './pg-baseline';
import { runPipeline } from './pipeline';
import { runTracedPipeline } from './traced-pipeline';
import { mediansTable, resultJson, resultTable, type Summary } from './report';

/**
 * `npm run bench:events`: (a) raw kafkajs, (b) raw pg service txn + outbox row, (c) the full
 * pipeline, (d) the same traced (tracingOnOff = (d)/(c), target ≥ 0.85), on the local servers, `--runs` times (3 by default); the targets are judged on the median of
 * the runs' ratios. Last line of output: one JSON object.
 * Exit codes: 0 all measured; 1 a phase failed; 2 the pipeline is not plugged in; 3 watchdog.
 */
let watchdog: NodeJS.Timeout | undefined;

async function main(): Promise<number> {
  const cli = configFromCli(process.argv.slice(2), process.env, loadConfig, usage);
  if ('exitCode' in cli) return cli.exitCode;
  const cfg: BenchConfig = cli.config;
  console.log(`bench:events\n${describeConfig(cfg)}`);

  const runs: Summary[] = [];
  // Each phase runs warm-up and timed part, each capped at phaseTimeoutMs, plus the latency run.
  const watchdogMs = cfg.runs * (3 * 2 * cfg.phaseTimeoutMs + cfg.halfLoadMs + 90_000);
  watchdog = setTimeout(() => {
    console.error(`\nwatchdog: the run took longer than ${watchdogMs / 1000} s; stopping`);
    console.log(mediansTable(runs));
    console.log(resultJson(runs));
    process.exit(3);
  }, watchdogMs);

  for (let run = 1; run <= cfg.runs; run++) {
    console.log(`\n══ run ${run} of ${cfg.runs} (load average ${loadavg()[0]?.toFixed(2)}) ══`);
    const summary: Summary = { rssMiB: {} };
    runs.push(summary);
    await runOnce(cfg, summary);
    console.log(resultTable(summary));
  }
  console.log(mediansTable(runs));
  const failed = runs.some((s) => [s.kafkajs, s.pg, s.pipeline, s.traced].some((r) => r instanceof Error));
  const unplugged = runs.some((s) => s.pipeline === undefined);
  if (unplugged) {
    console.log(
      'PARTIAL RUN: the pipeline (c) is not plugged in yet (bench/events/pipeline.ts returns undefined); ' +
        'its figures and the ratios are null, and the exit code is 2.',
    );
  }
  console.log(resultJson(runs));
  return failed ? 1 : unplugged ? 2 : 0;
}

/** One run: (a), (b), then (c), into `summary`; a phase that fails is recorded as its Error. */
async function runOnce(cfg: BenchConfig, summary: Summary): Promise<void> {
  const phase = <T>(name: string, title: string, run: (rss: RssSampler) => Promise<T>): Promise<T | Error> => {
    const rss = new RssSampler();
    return runPhase(
      name,
      title,
      () => run(rss.start()),
      () => {
        summary.rssMiB[name] = rss.stop();
      },
    );
  };
  const show = (r: RateResult | Error): void => {
    if (!(r instanceof Error)) console.log(`  ${Math.round(r.perSec)} events/s${r.timedOut ? ' (timed out)' : ''}`);
  };

  summary.kafkajs = await phase('(a)', '(a) raw kafkajs produce + consume', () => runKafkajsBaseline(cfg));
  show(summary.kafkajs);
  summary.pg = await phase('(b)', '(b) raw pg: service write + outbox row per transaction', () => runPgBaseline(cfg));
  show(summary.pg);
  const pipeline = await phase('(c)', '(c) full pipeline', (rss) => runPipeline(cfg, { rss }));
  if (pipeline !== undefined) summary.pipeline = pipeline;
  summary.traced = await phase('(d)', '(d) full pipeline, traced (OpenTelemetry on)', (rss) =>
    runTracedPipeline(cfg, rss),
  );
}

runBenchmark(main, () => clearTimeout(watchdog));
