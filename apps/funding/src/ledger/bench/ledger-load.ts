import type { DataSource } from 'typeorm';
import { Ledger } from '../application/ledger';
import { fundProgram, type Posting } from '../domain/postings';
import { verifyLedger } from '../verify/verify-ledger';

/** One timed load through Ledger.post (bench:ledger's Ledger phase, run in its own process). */
export interface LedgerLoadOptions {
  schema: string;
  /** Labels this run's programs, so that runs in one schema never share a key. */
  run: number;
  connections: number;
  postings: number;
  warmup: number;
  /** Programs the postings spread over (rows that contend for locks). */
  keys: number;
  timeoutMs: number;
}

export interface LedgerLoadResult {
  committed: number;
  ms: number;
  perSec: number;
  p50Ms: number;
  p99Ms: number;
  timedOut: boolean;
  ledgerVerify: 'ok' | 'mismatch';
}

const programOf = (options: LedgerLoadOptions, seq: number) => `bench-${options.run}-${seq % options.keys}`;

/** The posting number `seq`: a budget increase (never refused), its own key; what the baseline writes. */
const postingOf = (options: LedgerLoadOptions, seq: number): Posting =>
  fundProgram(programOf(options, seq), { amountFen: 1 + (seq % 100), currency: 'CNY' }, seq + 1);

const percentile = (sorted: Float64Array, p: number): number =>
  sorted.length ? sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] : NaN;

/**
 * Opens the programs' accounts, posts `warmup` then `postings` entries, `connections` transactions in
 * flight (closed loop), each `dataSource.transaction(… ledger.post …)`, capped at `timeoutMs` per part;
 * then checks the schema's ledger (ledger:verify's check).
 */
export async function runLedgerLoad(dataSource: DataSource, options: LedgerLoadOptions): Promise<LedgerLoadResult> {
  const ledger = new Ledger(dataSource);
  await dataSource.transaction(async (manager) => {
    for (let key = 0; key < options.keys; key++)
      await ledger.openProgramAccounts(manager, programOf(options, key), 'CNY');
  });
  const latencies: number[] = [];
  const run = async (from: number, to: number, deadline: number, record: boolean): Promise<number> => {
    let next = from;
    let committed = 0;
    const worker = async (): Promise<void> => {
      while (next < to && performance.now() < deadline) {
        const posting = postingOf(options, next++);
        const started = performance.now();
        await dataSource.transaction((manager) => ledger.post(manager, posting));
        if (record) latencies.push(performance.now() - started);
        committed++;
      }
    };
    await Promise.all(Array.from({ length: options.connections }, worker));
    return committed;
  };
  await run(0, options.warmup, performance.now() + options.timeoutMs, false);
  const t0 = performance.now();
  const committed = await run(options.warmup, options.warmup + options.postings, t0 + options.timeoutMs, true);
  const ms = performance.now() - t0;
  const sorted = Float64Array.from(latencies).sort();
  const { report } = await verifyLedger(dataSource, options.schema);
  return {
    committed,
    ms,
    perSec: (committed * 1000) / ms,
    p50Ms: percentile(sorted, 50),
    p99Ms: percentile(sorted, 99),
    timedOut: committed < options.postings,
    ledgerVerify: report.ledgerVerify,
  };
}
