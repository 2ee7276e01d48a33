import { z } from 'zod';
import { authEnvSchema } from '@sanshe/auth';
import {
  localStateDir,
  parseEnv,
  platformEnvSchema,
  requireInProduction,
  SERVICES,
  type ServiceName,
} from '@sanshe/config';

/** Everything a service reads from its environment, validated once at boot. */
export function serviceEnvSchema(service: ServiceName) {
  return platformEnvSchema.extend({
    HOST: z.string().min(1).default('127.0.0.1'),
    PORT: z.coerce.number().int().min(0).max(65535).default(SERVICES[service].defaultPort),
    /** The service's consumer group (and inbox name); `sanshe-<service>` unless a test isolates itself. */
    KAFKA_GROUP_ID: z
      .string()
      .regex(/^[A-Za-z0-9._-]+$/)
      .optional(),
    /** Where a brand-new consumer group starts: the topics' beginning (default) or only new events. */
    KAFKA_FROM_BEGINNING: z
      .enum(['true', 'false'])
      .default('true')
      .transform((value) => value === 'true'),
    /**
     * How long the consumer group waits for a heartbeat before it evicts the consumer (ms; kafkajs's 30 s):
     * also how long a restarted instance waits for a killed one's partitions. The chaos suite's short form shortens it.
     */
    KAFKA_SESSION_TIMEOUT_MS: z.coerce.number().int().min(6_000).max(300_000).default(30_000),
    /** PostgreSQL ends a statement of the service's that runs longer than this (ms). */
    DATABASE_STATEMENT_TIMEOUT_MS: z.coerce.number().int().min(100).default(30_000),
    /** …and a transaction of the service's left idle longer than this (ms), e.g. waiting on another server. */
    DATABASE_IDLE_IN_TRANSACTION_TIMEOUT_MS: z.coerce.number().int().min(100).default(60_000),
    ...authEnvSchema,
  });
}

export type ServiceConfig = z.infer<ReturnType<typeof serviceEnvSchema>> & {
  service: ServiceName;
  /** Where the development key pair is (see localStateDir). */
  stateDir: string;
};

/** What production must name itself: no local default is trusted there. */
export const REQUIRED_IN_PRODUCTION = [
  'DATABASE_URL',
  'KAFKA_BROKERS',
  'TEMPORAL_ADDRESS',
  ['AUTH_JWKS_URL', 'AUTH_JWKS_FILE'],
  'AUTH_ISSUER',
] as const;

/** Reads and validates the environment; an invalid (or, in production, missing) value stops the boot with the variable named. */
export function loadServiceConfig(service: ServiceName, env: Record<string, string | undefined>): ServiceConfig {
  requireInProduction(env, REQUIRED_IN_PRODUCTION);
  return { ...parseEnv(serviceEnvSchema(service), env), service, stateDir: localStateDir(env) };
}

export const SERVICE_CONFIG = Symbol('SERVICE_CONFIG');
