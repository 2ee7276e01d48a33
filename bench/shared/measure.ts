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
