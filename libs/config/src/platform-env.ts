import { z } from 'zod';
import { kafkaSecurityEnvShape } from './kafka-security-env';
import { loggingEnvShape } from './logging-env';
import { LOCAL_DATABASE_URL, LOCAL_INFRA, LOCAL_KAFKA_BROKERS, LOCAL_TEMPORAL_ADDRESS } from './local-defaults';
import { KAFKA_TOPIC_PREFIX_PATTERN } from './topic-prefix';

const hostPort = /^[^\s:,]+:\d{1,5}$/;

/**
 * The environment every Sanshe process shares: where PostgreSQL, Kafka and Temporal are.
 * Defaults point at the servers `infra/local` runs, so nothing needs setting locally.
 * Libraries never read process.env: apps and scripts pass it to parsePlatformEnv().
 */
export const platformEnvSchema = z.object({
  DATABASE_URL: z
    .url({ protocol: /^postgres(ql)?$/, error: 'DATABASE_URL must be a postgres:// URL' })
    .default(LOCAL_DATABASE_URL),
  KAFKA_BROKERS: z
    .string()
    .default(LOCAL_KAFKA_BROKERS)
    .transform((value) =>
      value
        .split(',')
        .map((broker) => broker.trim())
        .filter(Boolean),
    )
    .refine((brokers) => brokers.length > 0 && brokers.every((b) => hostPort.test(b)), {
      error: 'KAFKA_BROKERS must be a comma-separated list of host:port',
    }),
  /**
   * Put before every Kafka topic this process names on the wire (`test.` → `test.sanshe.community.events`), so
   * that the test suite and a developer's `npm start` share a broker without reading each other's events
   * (docs/events.md, "Topic prefix"). Empty by default: the topics' own names.
   */
  KAFKA_TOPIC_PREFIX: z
    .string()
    .regex(KAFKA_TOPIC_PREFIX_PATTERN, 'KAFKA_TOPIC_PREFIX must be empty or dot-ended segments of a-z, 0-9, - (test.)')
    .default(''),
  TEMPORAL_ADDRESS: z.string().regex(hostPort, 'TEMPORAL_ADDRESS must be host:port').default(LOCAL_TEMPORAL_ADDRESS),
  TEMPORAL_NAMESPACE: z.string().min(1).default(LOCAL_INFRA.temporal.namespace),
  ...kafkaSecurityEnvShape,
  ...loggingEnvShape,
});

export type PlatformEnv = z.infer<typeof platformEnvSchema>;

/** Names the environment variables whose values are wrong, so the error is actionable. */
export class InvalidEnvironmentError extends Error {
  constructor(readonly issues: string[]) {
    super(`Invalid environment:\n  - ${issues.join('\n  - ')}`);
    this.name = 'InvalidEnvironmentError';
  }
}

export function parseEnv<S extends z.ZodType>(schema: S, env: Record<string, string | undefined>): z.infer<S> {
  const result = schema.safeParse(env);
  if (!result.success) {
    throw new InvalidEnvironmentError(
      result.error.issues.map((issue) => `${issue.path.join('.') || '(root)'}: ${issue.message}`),
    );
  }
  return result.data;
}

export function parsePlatformEnv(env: Record<string, string | undefined>): PlatformEnv {
  return parseEnv(platformEnvSchema, env);
}
