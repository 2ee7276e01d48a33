/** Measurement (d): the full pipeline (c) in a process of its own with tracing on (bench-tracing.ts, first). */
import { benchTracing, exported } from './bench-tracing';
import { RssSampler } from '../shared/measure';
import type { BenchConfig } from './config';
import { runPipeline } from './pipeline';

async function main(): Promise<void> {
  if (!benchTracing) throw new Error('BENCH_TRACED=1 is not set: tracing is off');
  const cfg = JSON.parse(process.env.BENCH_CONFIG ?? '{}') as BenchConfig;
  const result = await runPipeline(cfg, { rss: new RssSampler() });
  await benchTracing.shutdown(); // the last batch is exported (counted) too
  process.send?.({ result, spans: exported.spans });
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
