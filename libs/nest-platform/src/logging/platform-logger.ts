import type { IncomingMessage, ServerResponse } from 'node:http';
import type { DynamicModule } from '@nestjs/common';
import { LoggerModule } from 'nestjs-pino';
import { pinoHttp } from 'pino-http';
import { type DestinationStream, type Level, type Logger as Pino, pino } from 'pino';
import type { LoggingEnv, LogFormat, LogLevel } from '@sanshe/config';
import { withLogFields } from './log-context';
import { prettyDestination } from './pretty-lines';
import { redactPaths, REDACTED } from './log-redaction';
import { requestIdFor, requestLogFields } from './request-ids';

export interface LoggingOptions {
  level: LogLevel;
  format: LogFormat;
  /** Redaction paths added to the defaults (credentials and personal fields: log-redaction.ts). */
  extraRedactPaths?: readonly string[];
  /** Where lines go; stdout unless given (tests capture them here). */
  destination?: DestinationStream;
}

export const loggingFromEnv = (env: LoggingEnv): LoggingOptions => ({
  level: env.LOG_LEVEL,
  format: env.LOG_FORMAT,
  extraRedactPaths: env.LOG_REDACT_PATHS,
});

/** The process's pino logger: one JSON object a line, ISO time, level by name, the service on every line, redacted. */
export function createPlatformPino(service: string, options: LoggingOptions): Pino {
  const out = options.destination ?? pino.destination({ dest: 1, sync: true });
  return pino(
    {
      level: options.level,
      base: { service, pid: process.pid },
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: { level: (label) => ({ level: label }) },
      redact: { paths: redactPaths(options.extraRedactPaths), censor: REDACTED },
    },
    options.format === 'pretty' ? prettyDestination(out) : out,
  );
}

/** An HTTP response's level: failures stand out, a successful /health poll (every few seconds) stays out of info. */
function responseLevel(req: IncomingMessage, res: ServerResponse, err?: Error): Level {
  if (err || res.statusCode >= 500) return 'error';
  if (res.statusCode >= 400) return 'warn';
  return req.url === '/health' ? 'debug' : 'info';
}

/**
 * nestjs-pino on `logger`: Nest's Logger (and PinoLogger) write to it. Its own request middleware is off
 * (`forRoutes: []`): requestLogging runs before every other middleware instead, so that a request refused before
 * Nest's routing (a body that is not JSON, a method no route declares) is logged with its id too.
 */
export function platformLoggerModule(logger: Pino): DynamicModule {
  return LoggerModule.forRoot({ pinoHttp: { logger }, forRoutes: [] });
}

type Middleware = (req: IncomingMessage, res: ServerResponse, next: () => void) => void;

/**
 * The first middlewares of an app (`app.use`, after the app is created): a line per request when its response ends,
 * and every line logged while serving it carries its request id (the caller's X-Request-Id, else a new one, echoed
 * back), its trace id (`traceparent`) and correlation id (`X-Correlation-Id`) when given.
 */
export function requestLogging(logger: Pino): Middleware[] {
  const logResponses = pinoHttp({
    logger,
    genReqId: requestIdFor,
    customProps: requestLogFields,
    customLogLevel: responseLevel,
  });
  return [logResponses, (req, _res, next) => withLogFields(requestLogFields(req), next)];
}
