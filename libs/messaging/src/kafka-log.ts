import { Logger as NestLogger } from '@nestjs/common';
import { type LogEntry, logLevel, type logCreator } from 'kafkajs';

type NestMethod = 'error' | 'warn' | 'log' | 'debug';

/** kafkajs' levels as Nest's logger names them (nestjs-pino: log → info). */
export function nestMethodOf(level: logLevel): NestMethod {
  switch (level) {
    case logLevel.ERROR:
    case logLevel.NOTHING:
      return 'error';
    case logLevel.WARN:
      return 'warn';
    case logLevel.INFO:
      return 'log';
    case logLevel.DEBUG:
      return 'debug';
  }
}

/**
 * kafkajs' `logCreator`: its lines written through Nest's logger, hence the app's pino logger when it has one, the
 * namespace and fields (broker, groupId, error…) as structured fields instead of one string.
 */
export const kafkaLogCreator =
  (nest: Pick<NestLogger, NestMethod> = new NestLogger('kafkajs')): logCreator =>
  () =>
  ({ namespace, level, log }: LogEntry) => {
    const fields: Record<string, unknown> = { ...log };
    // kafkajs' own time and `logger: 'kafkajs'` add nothing to the line pino stamps.
    for (const key of ['message', 'timestamp', 'logger']) delete fields[key];
    // kafkajs' correlationId numbers a protocol request; the log's correlationId is the event's business process.
    if ('correlationId' in fields) {
      fields.kafkaCorrelationId = fields.correlationId;
      delete fields.correlationId;
    }
    nest[nestMethodOf(level)]({ ...fields, namespace, msg: log.message });
  };
