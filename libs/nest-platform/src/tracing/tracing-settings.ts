/** How a process traces, read from the OpenTelemetry SDK's standard variables. */
export interface TracingSettings {
  /** False unless an OTLP endpoint is configured: no SDK is loaded, spans cost nothing. */
  enabled: boolean;
  /** `service.name` of the spans (OTEL_SERVICE_NAME, else the service's own name). */
  serviceName: string;
  /** The instrumentations to load (OTEL_NODE_ENABLED_INSTRUMENTATIONS): http and express by default; pg on demand. */
  instrumentations: TracedLibrary[];
}

export const TRACED_LIBRARIES = ['http', 'express', 'pg'] as const;
export type TracedLibrary = (typeof TRACED_LIBRARIES)[number];
const DEFAULT_LIBRARIES: TracedLibrary[] = ['http', 'express'];

/** A span per SQL statement costs the pipeline about a tenth of its throughput (bench:events), so pg is opt-in. */
function tracedLibraries(list: string | undefined): TracedLibrary[] {
  if (!list?.trim()) return DEFAULT_LIBRARIES;
  const named = list.split(',').map((name) => name.trim().toLowerCase());
  return TRACED_LIBRARIES.filter((library) => named.includes(library));
}

/**
 * Tracing is off by default and on once an OTLP endpoint is set (OTEL_EXPORTER_OTLP_ENDPOINT or
 * OTEL_EXPORTER_OTLP_TRACES_ENDPOINT); OTEL_SDK_DISABLED=true or OTEL_TRACES_EXPORTER=none turn it off
 * again. The exporter reads the other OTEL_EXPORTER_OTLP_* variables itself (headers, timeout).
 */
export function tracingSettings(service: string, env: Record<string, string | undefined>): TracingSettings {
  const endpoint = (env.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT ?? env.OTEL_EXPORTER_OTLP_ENDPOINT ?? '').trim();
  const disabled =
    env.OTEL_SDK_DISABLED?.trim().toLowerCase() === 'true' || env.OTEL_TRACES_EXPORTER?.trim().toLowerCase() === 'none';
  return {
    enabled: endpoint !== '' && !disabled,
    serviceName: env.OTEL_SERVICE_NAME?.trim() || `sanshe-${service}`,
    instrumentations: tracedLibraries(env.OTEL_NODE_ENABLED_INSTRUMENTATIONS),
  };
}
