import { z } from 'zod';

export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export const LOG_FORMATS = ['json', 'pretty'] as const;

/**
 * How a process logs (part of the platform environment; docs/operations.md, "Logs"): one JSON object a line by
 * default, `pretty` for a developer's terminal. LOG_REDACT_PATHS adds pino redaction paths (comma-separated,
 * e.g. `req.body.school,*.passport`) to the defaults, which cover credentials and the residents' personal fields.
 */
export const loggingEnvShape = {
  LOG_LEVEL: z.enum(LOG_LEVELS, { error: `LOG_LEVEL must be one of ${LOG_LEVELS.join(', ')}` }).default('info'),
  LOG_FORMAT: z.enum(LOG_FORMATS, { error: `LOG_FORMAT must be one of ${LOG_FORMATS.join(', ')}` }).default('json'),
  LOG_REDACT_PATHS: z
    .string()
    .default('')
    .transform((value) =>
      value
        .split(',')
        .map((path) => path.trim())
        .filter(Boolean),
    )
    .refine((paths) => paths.every((path) => /^[\w*$.[\]"'-]+$/.test(path)), {
      error: 'LOG_REDACT_PATHS must be a comma-separated list of paths such as req.body.phone or *.idNumber',
    }),
};

export type LogLevel = (typeof LOG_LEVELS)[number];
export type LogFormat = (typeof LOG_FORMATS)[number];

export interface LoggingEnv {
  LOG_LEVEL: LogLevel;
  LOG_FORMAT: LogFormat;
  LOG_REDACT_PATHS: string[];
}
