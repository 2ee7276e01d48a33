// Imported first by main.ts: OpenTelemetry must start before Nest, Express and pg are loaded to instrument them.
// Off unless an OTLP endpoint is configured (docs/operations.md, "Tracing").
import { startTracing, tracingSettings } from '@sanshe/nest-platform/tracing';

startTracing(tracingSettings('funding', process.env));
