import { Logger, type LoggerService } from '@nestjs/common';
import type { Logger as Pino } from 'pino';
import { createPlatformPino, type LoggingOptions } from './platform-logger';

type Level = 'trace' | 'debug' | 'info' | 'warn' | 'error' | 'fatal';

/** Nest's logger calls on a bare pino logger: the context is the last extra argument, an object's keys are fields. */
export class PinoLoggerService implements LoggerService {
  constructor(private readonly pino: Pino) {}

  verbose = (message: unknown, ...rest: unknown[]) => this.write('trace', message, rest);
  debug = (message: unknown, ...rest: unknown[]) => this.write('debug', message, rest);
  log = (message: unknown, ...rest: unknown[]) => this.write('info', message, rest);
  warn = (message: unknown, ...rest: unknown[]) => this.write('warn', message, rest);
  error = (message: unknown, ...rest: unknown[]) => this.write('error', message, rest);
  fatal = (message: unknown, ...rest: unknown[]) => this.write('fatal', message, rest);

  private write(level: Level, message: unknown, rest: unknown[]): void {
    const context = typeof rest.at(-1) === 'string' ? { context: rest.at(-1) as string } : {};
    if (message instanceof Error) this.pino[level]({ ...context, err: message }, message.message);
    else if (typeof message === 'object' && message !== null) this.pino[level]({ ...context, ...message });
    else this.pino[level](context, String(message));
  }
}

/**
 * Makes Nest's logger write the platform's JSON lines from now on, for what a service logs before its app exists
 * (what it reads at boot to shape its module); the app's own logger (createService's `logging`) takes over after.
 */
export function logJsonBeforeTheApp(service: string, options: LoggingOptions): void {
  Logger.overrideLogger(new PinoLoggerService(createPlatformPino(service, options)));
}
