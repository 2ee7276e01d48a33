/**
 * Tracing for measurement (d), imported first by the processes that run it (before Nest, Express and pg load, as
 * an app's src/tracing.ts): on when BENCH_TRACED=1, with the SDK's batch processor handing spans to an exporter
 * that counts them. So (d) pays for the spans, their context and batching, not for a collector's network.
 */
import { BatchSpanProcessor, type ReadableSpan } from '@opentelemetry/sdk-trace';
import { startTracing, tracingSettings } from '@sanshe/nest-platform/tracing';

export const exported = { spans: 0 };

const countingExporter = {
  export(spans: ReadableSpan[], done: (result: { code: number }) => void) {
    exported.spans += spans.length;
    done({ code: 0 });
  },
  shutdown: async () => undefined,
};

export const benchTracing =
  process.env.BENCH_TRACED === '1'
    ? startTracing(tracingSettings('bench', {}), new BatchSpanProcessor({ exporter: countingExporter }))
    : undefined;
