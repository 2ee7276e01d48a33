import { machineLine, measured, round } from '../shared/report';
import type { RateResult } from './measure';
import type { PipelineResult } from './pipeline';

/** What one run found; a phase is an Error when it failed, pipeline undefined when not plugged in. */
export interface Summary {
  kafkajs?: RateResult | Error;
  pg?: RateResult | Error;
  pipeline?: PipelineResult | Error;
  /** (d): (c) with OpenTelemetry on. */
  traced?: PipelineResult | Error;
  /** Peak RSS per phase in MiB: this process plus any pids a phase registered. */
  rssMiB: Record<string, number>;
}

/** The issue's targets for the pipeline; (c)/(a) is printed as information only. */
export const TARGETS = { ratioToPg: 0.4, p99Ms: 250, tracingOnOff: 0.85 } as const;

/** One run's figures; undefined where a phase failed or did not run. */
export interface RunFigures {
  kafkajsPerSec?: number;
  pgPerSec?: number;
  pipelinePerSec?: number;
  ratioToKafkajs?: number;
  ratioToPg?: number;
  p50Ms?: number;
  p99Ms?: number;
  peakRssMiB?: number;
  tracedPerSec?: number;
  /** (d)/(c): the pipeline's throughput with tracing on over off, in the same run. */
  tracingOnOff?: number;
}

export function figuresOf(s: Summary): RunFigures {
  const a = measured(s.kafkajs)?.perSec;
  const b = measured(s.pg)?.perSec;
  const c = measured(s.pipeline);
  const d = measured(s.traced);
  const rss = Object.values(s.rssMiB);
  return {
    tracedPerSec: d?.peakPerSec,
    tracingOnOff: c && d ? d.peakPerSec / c.peakPerSec : undefined,
    kafkajsPerSec: a,
    pgPerSec: b,
    pipelinePerSec: c?.peakPerSec,
    ratioToKafkajs: c && a ? c.peakPerSec / a : undefined,
    ratioToPg: c && b ? c.peakPerSec / b : undefined,
    p50Ms: c?.latencyAtHalfLoad.p50Ms,
    p99Ms: c?.latencyAtHalfLoad.p99Ms,
    peakRssMiB: rss.length ? Math.max(...rss) : undefined,
  };
}

/** The median of the figures present (the mean of the middle two for an even count); undefined if none. */
export function median(values: (number | undefined)[]): number | undefined {
  const sorted = values.filter((v): v is number => v !== undefined && Number.isFinite(v)).sort((x, y) => x - y);
  if (sorted.length === 0) return undefined;
  const upper = sorted[Math.floor(sorted.length / 2)] ?? NaN;
  const lower = sorted[Math.ceil(sorted.length / 2) - 1] ?? NaN;
  return (lower + upper) / 2;
}

/**
 * The machine-readable result: key order is part of the contract. The first nine keys keep their
 * meaning from single runs, now as medians over the runs (each ratio is the median of the runs'
 * ratios, not a ratio of medians); `runs`, the worst p99 and every run's figures follow.
 */
export function resultJson(runs: Summary[]): string {
  const each = runs.map(figuresOf);
  const med = (pick: (f: RunFigures) => number | undefined) => median(each.map(pick));
  const rounded = (f: RunFigures) => ({
    kafkajsPerSec: round(f.kafkajsPerSec, 0),
    pgPerSec: round(f.pgPerSec, 0),
    pipelinePerSec: round(f.pipelinePerSec, 0),
    ratioToKafkajs: round(f.ratioToKafkajs, 3),
    ratioToPg: round(f.ratioToPg, 3),
    p50Ms: round(f.p50Ms, 1),
    p99Ms: round(f.p99Ms, 1),
  });
  const p99s = each.flatMap((f) => (f.p99Ms === undefined ? [] : [f.p99Ms]));
  const rss = each.flatMap((f) => (f.peakRssMiB === undefined ? [] : [f.peakRssMiB]));
  return JSON.stringify({
    bench: 'events',
    ...rounded({
      kafkajsPerSec: med((f) => f.kafkajsPerSec),
      pgPerSec: med((f) => f.pgPerSec),
      pipelinePerSec: med((f) => f.pipelinePerSec),
      ratioToKafkajs: med((f) => f.ratioToKafkajs),
      ratioToPg: med((f) => f.ratioToPg),
      p50Ms: med((f) => f.p50Ms),
      p99Ms: med((f) => f.p99Ms),
    }),
    peakRssMiB: round(rss.length ? Math.max(...rss) : undefined, 1),
    runs: runs.length,
    p99MsWorst: round(p99s.length ? Math.max(...p99s) : undefined, 1),
    perRun: each.map((f) => ({ ...rounded(f), tracingOnOff: round(f.tracingOnOff, 3) })),
    tracedPerSec: round(
      med((f) => f.tracedPerSec),
      0,
    ),
    tracingOnOff: round(
      med((f) => f.tracingOnOff),
      3,
    ),
  });
}

/**
 * The verdict over all runs: each run's (c)/(b), their median against the target (the issue's
 * figure), and the p99 at half load, judged on the worst run.
 */
export function mediansTable(runs: Summary[]): string {
  const each = runs.map(figuresOf);
  const list = (pick: (f: RunFigures) => number | undefined, digits: number) =>
    each.map((f) => pick(f)?.toFixed(digits) ?? '–').join(', ');
  const p99s = each.flatMap((f) => (f.p99Ms === undefined ? [] : [f.p99Ms]));
  const worstP99 = p99s.length === runs.length && p99s.length > 0 ? Math.max(...p99s) : undefined;
  return [
    '',
    `── bench:events over ${runs.length} run(s) ──────────────────────────────────────`,
    `(c)/(b) per run: ${list((f) => f.ratioToPg, 3)}`,
    `median (c)/(b) ${check(median(each.map((f) => f.ratioToPg)), (v) => v >= TARGETS.ratioToPg, `target ≥ ${TARGETS.ratioToPg}`)}`,
    `(c)/(a) per run: ${list((f) => f.ratioToKafkajs, 3)}; median ${median(each.map((f) => f.ratioToKafkajs))?.toFixed(3) ?? '–'} (information only)`,
    `tracing on/off (d)/(c) per run: ${list((f) => f.tracingOnOff, 3)}`,
    `median (d)/(c) ${check(median(each.map((f) => f.tracingOnOff)), (v) => v >= TARGETS.tracingOnOff, `target ≥ ${TARGETS.tracingOnOff}`)}`,
    `p99 at half load per run: ${list((f) => f.p99Ms, 1)} ms; worst ` +
      (worstP99 === undefined
        ? `–   target ≤ ${TARGETS.p99Ms} ms`
        : `${worstP99.toFixed(1)} ms ${worstP99 <= TARGETS.p99Ms ? '✓' : '✗'} target ≤ ${TARGETS.p99Ms} ms`),
    machineLine(),
    '',
  ].join('\n');
}

function rateLines(label: string, r: RateResult | Error | undefined): string[] {
  if (r === undefined) return [`${label}  not run`];
  if (r instanceof Error) return [`${label}  FAILED: ${r.message}`];
  const head =
    `${label}  ${Math.round(r.perSec).toLocaleString('en-US').padStart(9)} events/s` +
    `   (${r.events} events in ${(r.ms / 1000).toFixed(2)} s)` +
    (r.timedOut ? '   TIMED OUT: partial' : '');
  return [head, ...r.notes.map((n) => `      ${n}`)];
}

function tracedLines(c: PipelineResult | undefined, d: PipelineResult | undefined): string[] {
  const ratio = c && d ? d.peakPerSec / c.peakPerSec : undefined;
  return [
    `${'(d) full pipeline, traced'.padEnd(32)}  ${d ? `${Math.round(d.peakPerSec).toLocaleString('en-US').padStart(9)} events/s` : '–'}`,
    `ratio (d)/(c) tracing on/off ${check(ratio, (v) => v >= TARGETS.tracingOnOff, `target ≥ ${TARGETS.tracingOnOff}`)}`,
  ];
}

const check = (value: number | undefined, pass: (v: number) => boolean, text: string): string =>
  value === undefined ? `   –    ${text}` : `${value.toFixed(3).padStart(7)} ${pass(value) ? '✓' : '✗'} ${text}`;

export function resultTable(s: Summary): string {
  const a = measured(s.kafkajs)?.perSec;
  const b = measured(s.pg)?.perSec;
  const c = measured(s.pipeline);
  const lat = c?.latencyAtHalfLoad;
  const pipelineLine =
    s.pipeline instanceof Error
      ? `FAILED: ${s.pipeline.message}`
      : c
        ? `${Math.round(c.peakPerSec).toLocaleString('en-US').padStart(9)} events/s`
        : 'not plugged in';
  const rss = Object.entries(s.rssMiB).map(([phase, mib]) => `${phase} ${mib.toFixed(1)} MiB`);
  return [
    '',
    '── bench:events results ─────────────────────────────────────────────',
    ...rateLines('(a) kafkajs produce + consume   ', s.kafkajs),
    ...rateLines('(b) pg service txn + outbox row ', s.pg),
    `${'(c) full pipeline'.padEnd(32)}  ${pipelineLine}`,
    `ratio (c)/(a) ${c && a ? (c.peakPerSec / a).toFixed(3).padStart(7) : '   –   '}   information only`,
    `ratio (c)/(b) ${check(c && b ? c.peakPerSec / b : undefined, (v) => v >= TARGETS.ratioToPg, `target ≥ ${TARGETS.ratioToPg}`)}`,
    ...tracedLines(c, measured(s.traced)),
    lat
      ? `latency at half load: p50 ${lat.p50Ms.toFixed(1)} ms, p99 ${lat.p99Ms.toFixed(1)} ms ` +
        `${lat.p99Ms <= TARGETS.p99Ms ? '✓' : '✗'} target p99 ≤ ${TARGETS.p99Ms} ms`
      : `latency at half load: –   target p99 ≤ ${TARGETS.p99Ms} ms`,
    `peak RSS (this process + registered pids): ${rss.join(', ') || '–'}`,
    machineLine(),
    '',
  ].join('\n');
}
