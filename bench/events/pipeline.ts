import type { BenchConfig } from './config';
import type { RssSampler } from './measure';

export interface PipelineResult {
  /** Sustained events/s of service transaction + outbox → relay → Kafka → Nest consumer + inbox. */
  peakPerSec: number;
  /** End-to-end latency (write committed → inbox row) in a fixed-rate run at peakPerSec / 2 (driveAtRate). */
  latencyAtHalfLoad: { p50Ms: number; p99Ms: number };
}

export interface PipelineContext {
  /** Add the pid of every process the pipeline starts, so peak RSS counts it. */
  rss: RssSampler;
}

/**
 * Measurement (c), the full pipeline: plugged in with libs/messaging (outbox writer, relay,
 * inbox consumer). Until then it returns undefined and `npm run bench:events` exits with code 2.
 * Use cfg.events / cfg.warmup / cfg.phaseTimeoutMs for the peak run, cfg.halfLoadMs with
 * driveAtRate() and LatencyRecorder from ./measure for the latency run, and a fresh schema and
 * topic per run, as the baselines do.
 */
export async function runPipeline(cfg: BenchConfig, ctx: PipelineContext): Promise<PipelineResult | undefined> {
  void cfg;
  void ctx;
  return undefined;
}
