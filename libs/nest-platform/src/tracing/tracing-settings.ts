/** How a process traces, read from the OpenTelemetry SDK's standard variables. */
export interface TracingSettings {
  /** False unless an OTLP endpoint is configured: no SDK is loaded, spans cost nothing. */
  enabled: boolean;
  /** `service.name` of the spans (OTEL_SERVICE_NAME, else the service's own name). */
  serviceName: string;
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
  };
}
