import { machineLine, round } from '../shared/report';

/** One timed phase: postings committed, how fast, and each transaction's latency (begin to commit). */
export interface PhaseResult {
  committed: number;
  ms: number;
  perSec: number;
  p50Ms: number;
  p99Ms: number;
  timedOut: boolean;
}

export interface LedgerRun {
  baseline: PhaseResult;
  ledger: PhaseResult;
  loadAverage: number;
}

/** The issue's target: postings/s through Ledger.post at least 0.7 × the raw transactions'. */
export const TARGET_RATIO = 0.7;

export const ratioOf = (run: LedgerRun): number => run.ledger.perSec / run.baseline.perSec;

export function median(values: number[]): number {
  const sorted = [...values].sort((x, y) => x - y);
  return (sorted[Math.floor((sorted.length - 1) / 2)] + sorted[Math.floor(sorted.length / 2)]) / 2;
}

export function runTable(runs: LedgerRun[]): string {
  const row = (cells: string[]) => cells.map((cell, i) => (i ? cell.padStart(14) : cell.padEnd(30))).join('');
  const fmt = (x: number, digits = 0) =>
    x.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });
  const timed = (p: PhaseResult) => `${fmt(p.perSec)}${p.timedOut ? '*' : ''}`;
  return [
    row(['', ...runs.map((_, i) => `run ${i + 1}`)]),
    row(['load average at start', ...runs.map((r) => fmt(r.loadAverage, 2))]),
    row(['(a) raw pg postings/s', ...runs.map((r) => timed(r.baseline))]),
    row(['(b) Ledger.post postings/s', ...runs.map((r) => timed(r.ledger))]),
    row(['(b)/(a) (target ≥ 0.7)', ...runs.map((r) => fmt(ratioOf(r), 3))]),
    row(['(a) p50 / p99 ms', ...runs.map((r) => `${fmt(r.baseline.p50Ms, 1)} / ${fmt(r.baseline.p99Ms, 1)}`)]),
    row(['(b) p50 / p99 ms', ...runs.map((r) => `${fmt(r.ledger.p50Ms, 1)} / ${fmt(r.ledger.p99Ms, 1)}`)]),
    runs.some((r) => r.baseline.timedOut || r.ledger.timedOut)
      ? '* hit the phase cap: the rate is of what got done'
      : '',
  ]
    .filter(Boolean)
    .join('\n');
}

/** The verdict line, the machine line, and last the JSON object (medians over the runs; p99 the worst). */
export function resultLines(runs: LedgerRun[]): string[] {
  const ratio = median(runs.map(ratioOf));
  const json = {
    bench: 'ledger',
    baselinePerSec: round(median(runs.map((r) => r.baseline.perSec)), 0),
    postingsPerSec: round(median(runs.map((r) => r.ledger.perSec)), 0),
    ratio: round(ratio, 3),
    p99Ms: round(Math.max(...runs.map((r) => r.ledger.p99Ms)), 1),
    runs: runs.map((r) => ({
      baselinePerSec: round(r.baseline.perSec, 0),
      postingsPerSec: round(r.ledger.perSec, 0),
      ratio: round(ratioOf(r), 3),
      p99Ms: round(r.ledger.p99Ms, 1),
      baselineP99Ms: round(r.baseline.p99Ms, 1),
    })),
  };
  return [
    `median (b)/(a) ${ratio.toFixed(3)} ${ratio >= TARGET_RATIO ? '✓' : '✗'} (target ≥ ${TARGET_RATIO})`,
    machineLine(),
    JSON.stringify(json),
  ];
}
