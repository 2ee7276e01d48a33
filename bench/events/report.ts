import { machineLine, measured, round } from '../shared/report';
import type { RateResult } from './measure';
import type { PipelineResult } from './pipeline';

/** What one run found; a phase is an Error when it failed, pipeline undefined when not plugged in. */
export interface Summary {
  kafkajs?: RateResult | Error;
  pg?: RateResult | Error;
  pipeline?: PipelineResult | Error;
  /** Peak RSS per phase in MiB: this process plus any pids a phase registered. */
  rssMiB: Record<string, number>;
}

export const TARGETS = { ratioToPg: 0.4, ratioToKafkajs: 0.25, p99Ms: 250 } as const;

/** The machine-readable result: key order is part of the contract. */
export function resultJson(s: Summary): string {
  const a = measured(s.kafkajs)?.perSec;
  const b = measured(s.pg)?.perSec;
  const c = measured(s.pipeline);
  const rss = Object.values(s.rssMiB);
  return JSON.stringify({
    bench: 'events',
    kafkajsPerSec: round(a, 0),
    pgPerSec: round(b, 0),
    pipelinePerSec: round(c?.peakPerSec, 0),
    ratioToKafkajs: round(c && a ? c.peakPerSec / a : undefined, 3),
    ratioToPg: round(c && b ? c.peakPerSec / b : undefined, 3),
    p50Ms: round(c?.latencyAtHalfLoad.p50Ms, 1),
    p99Ms: round(c?.latencyAtHalfLoad.p99Ms, 1),
    peakRssMiB: round(rss.length ? Math.max(...rss) : undefined, 1),
  });
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
    `ratio (c)/(a) ${check(c && a ? c.peakPerSec / a : undefined, (v) => v >= TARGETS.ratioToKafkajs, `target ≥ ${TARGETS.ratioToKafkajs}`)}`,
    `ratio (c)/(b) ${check(c && b ? c.peakPerSec / b : undefined, (v) => v >= TARGETS.ratioToPg, `target ≥ ${TARGETS.ratioToPg}`)}`,
    lat
      ? `latency at half load: p50 ${lat.p50Ms.toFixed(1)} ms, p99 ${lat.p99Ms.toFixed(1)} ms ` +
        `${lat.p99Ms <= TARGETS.p99Ms ? '✓' : '✗'} target p99 ≤ ${TARGETS.p99Ms} ms`
      : `latency at half load: –   target p99 ≤ ${TARGETS.p99Ms} ms`,
    `peak RSS (this process + registered pids): ${rss.join(', ') || '–'}`,
    machineLine(),
    '',
  ].join('\n');
}
