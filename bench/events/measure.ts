import { readFileSync } from 'node:fs';

/** Exact percentiles over every recorded sample (sorted, nearest rank). */
export class LatencyRecorder {
  private readonly samples: number[] = [];

  record(ms: number): void {
    this.samples.push(ms);
  }

  get count(): number {
    return this.samples.length;
  }

  /** p in (0, 100]; NaN when nothing was recorded. */
  percentile(p: number): number {
    if (this.samples.length === 0) return NaN;
    const sorted = Float64Array.from(this.samples).sort();
    return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
  }

  summary(): { count: number; p50Ms: number; p99Ms: number; p999Ms: number; maxMs: number } {
    return {
      count: this.count,
      p50Ms: this.percentile(50),
      p99Ms: this.percentile(99),
      p999Ms: this.percentile(99.9),
      maxMs: this.percentile(100),
    };
  }
}

/** Resident set size of another process in bytes, from /proc/<pid>/status VmRSS; 0 if it is gone. */
export function rssOfPid(pid: number): number {
  try {
    const match = /^VmRSS:\s+(\d+)\s+kB/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return match ? Number(match[1]) * 1024 : 0;
  } catch {
    return 0;
  }
}

/**
 * Samples this process's RSS every `intervalMs`, plus any pid added with addPid() (child
 * processes are NOT counted otherwise). The peak is of the sum over one sample.
 */
export class RssSampler {
  private readonly pids = new Set<number>();
  private timer: NodeJS.Timeout | undefined;
  private peakBytes = 0;

  constructor(private readonly intervalMs = 100) {}

  addPid(pid: number): void {
    this.pids.add(pid);
  }

  start(): this {
    this.sample();
    this.timer = setInterval(() => this.sample(), this.intervalMs);
    this.timer.unref();
    return this;
  }

  stop(): number {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
    this.sample();
    return this.peakMiB;
  }

  get peakMiB(): number {
    return this.peakBytes / 2 ** 20;
  }

  private sample(): void {
    let bytes = process.memoryUsage.rss();
    for (const pid of this.pids) bytes += rssOfPid(pid);
    this.peakBytes = Math.max(this.peakBytes, bytes);
  }
}

export interface DriveResult {
  /** Sends started (≤ ratePerSec × durationMs). */
  sent: number;
  /** Sends that resolved / rejected before the drain cap. */
  completed: number;
  failed: number;
  /** Sends skipped because maxInFlight were already pending (the system under test fell behind). */
  skipped: number;
  /** How late the driver itself started the worst send (its own scheduling, not the system). */
  maxStartLagMs: number;
}

/**
 * Open-loop driver: send number i is due at start + i / ratePerSec whatever earlier sends are doing,
 * so a slow system meets a growing queue instead of a politely slowed client. `send` gets the due
 * time (performance.now() scale): measure latency from it to avoid coordinated omission.
 */
export async function driveAtRate(opts: {
  ratePerSec: number;
  durationMs: number;
  send: (i: number, dueAt: number) => Promise<unknown>;
  maxInFlight?: number;
  drainTimeoutMs?: number;
}): Promise<DriveResult> {
  const total = Math.floor((opts.ratePerSec * opts.durationMs) / 1000);
  const maxInFlight = opts.maxInFlight ?? 10_000;
  const result: DriveResult = { sent: 0, completed: 0, failed: 0, skipped: 0, maxStartLagMs: 0 };
  const pending = new Set<Promise<void>>();
  const start = performance.now();
  for (let i = 0; i < total; i++) {
    const dueAt = start + (i * 1000) / opts.ratePerSec;
    const wait = dueAt - performance.now();
    if (wait > 1) await new Promise((resolve) => setTimeout(resolve, wait));
    result.maxStartLagMs = Math.max(result.maxStartLagMs, performance.now() - dueAt);
    if (pending.size >= maxInFlight) {
      result.skipped++;
      continue;
    }
    result.sent++;
    const p: Promise<void> = new Promise((resolve) => resolve(opts.send(i, dueAt))).then(
      () => void result.completed++,
      () => void result.failed++,
    );
    pending.add(p);
    void p.finally(() => pending.delete(p));
  }
  const drainCap = new Promise((resolve) => setTimeout(resolve, opts.drainTimeoutMs ?? 30_000).unref());
  await Promise.race([Promise.all(pending), drainCap]);
  return result;
}

/** Polls `done` every `everyMs` until it holds (true) or `deadline` (performance.now() scale) passes (false). */
export async function waitUntil(done: () => boolean, deadline: number, everyMs = 5): Promise<boolean> {
  while (!done()) {
    if (performance.now() >= deadline) return false;
    await new Promise((resolve) => setTimeout(resolve, everyMs));
  }
  return true;
}

/** Events per second of one timed measurement. */
export interface RateResult {
  events: number;
  ms: number;
  perSec: number;
  /** The phase hit its time cap: `events` is what got done by then. */
  timedOut: boolean;
  /** Phase-specific figures, printed as they are. */
  notes: string[];
}

export function rate(events: number, ms: number, timedOut: boolean, notes: string[] = []): RateResult {
  return { events, ms, perSec: ms > 0 ? (events * 1000) / ms : 0, timedOut, notes };
}
