import { Logger as NestLogger } from '@nestjs/common';
import type { Logger as TemporalLogger, LogLevel as TemporalLevel, LogMetadata } from '@temporalio/worker';
import { PinoLogger } from 'nestjs-pino';

type NestMethod = 'verbose' | 'debug' | 'log' | 'warn' | 'error';

/** Temporal's levels as Nest's logger names them (nestjs-pino: verbose → trace, log → info). */
export const TEMPORAL_TO_NEST: Record<TemporalLevel, NestMethod> = {
  TRACE: 'verbose',
  DEBUG: 'debug',
  INFO: 'log',
  WARN: 'warn',
  ERROR: 'error',
};

/**
 * The Temporal SDK's logger (worker, workflow and activity loggers, and Core's forwarded lines) written through
 * Nest's logger, hence the app's pino logger: its metadata (workflowId, activityType, taskQueue…) as fields.
 */
export class TemporalToNestLogger implements TemporalLogger {
  constructor(private readonly nest: Pick<NestLogger, NestMethod> = new NestLogger('Temporal')) {}

  log(level: TemporalLevel, message: string, meta?: LogMetadata): void {
    this.nest[TEMPORAL_TO_NEST[level]]({ ...meta, msg: message });
  }
  trace(message: string, meta?: LogMetadata): void {
    this.log('TRACE', message, meta);
  }
  debug(message: string, meta?: LogMetadata): void {
    this.log('DEBUG', message, meta);
  }
  info(message: string, meta?: LogMetadata): void {
    this.log('INFO', message, meta);
  }
  warn(message: string, meta?: LogMetadata): void {
    this.log('WARN', message, meta);
  }
  error(message: string, meta?: LogMetadata): void {
    this.log('ERROR', message, meta);
  }
}

/**
 * Once per process, before its first worker (given the SDK its caller loaded): when the app logs through pino (PinoLogger.root is set), the Temporal
 * runtime logs through it too, Core's WARN and above forwarded. A runtime already made (a test's own) is left alone.
 */
export function routeTemporalLogsToPlatformLogger({
  Runtime,
  makeTelemetryFilterString,
}: Pick<typeof import('@temporalio/worker'), 'Runtime' | 'makeTelemetryFilterString'>): boolean {
  if (!PinoLogger.root || Runtime._instance) return false;
  Runtime.install({
    logger: new TemporalToNestLogger(),
    telemetryOptions: { logging: { forward: {}, filter: makeTelemetryFilterString({ core: 'WARN' }) } },
  });
  return true;
}
