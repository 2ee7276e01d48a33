import type { Resource } from '@opentelemetry/resources';
import type { SpanProcessor } from '@opentelemetry/sdk-trace';
import { markTracingStarted } from './trace-context';
import type { TracingSettings } from './tracing-settings';

/** What a process traces with: Temporal's worker hands its workflows' spans to the same processor. */
export interface ActiveTracing {
  spanProcessor: SpanProcessor;
  resource: Resource;
  shutdown(): Promise<void>;
}

let active: ActiveTracing | undefined;

/** The tracing this process started, if any. */
export const activeTracing = (): ActiveTracing | undefined => active;

/**
 * Starts OpenTelemetry for the process when `settings` turn it on, or when a `spanProcessor` is given (tests and
 * the benchmark collect spans in memory). Call it before Nest, Express or pg are loaded (each app's
 * src/tracing.ts, imported first by its main.ts), so that their instrumentations apply. Off, it loads nothing
 * and every span helper returns at once. Idempotent: a second call returns the first one's tracing.
 */
export function startTracing(settings: TracingSettings, spanProcessor?: SpanProcessor): ActiveTracing | undefined {
  if (active || (!settings.enabled && !spanProcessor)) return active;
  // Required here, not imported: the SDK and its instrumentations cost memory and start-up time, paid only on.
  const { startSdk } = require('./tracing-sdk') as typeof import('./tracing-sdk');
  const sdk = startSdk(settings, spanProcessor);
  markTracingStarted(true);
  active = {
    ...sdk,
    shutdown: async () => {
      active = undefined;
      markTracingStarted(false);
      await sdk.shutdown();
    },
  };
  return active;
}
