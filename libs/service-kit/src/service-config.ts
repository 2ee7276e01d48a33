import { z } from 'zod';
import { parseEnv, platformEnvSchema, SERVICES, type ServiceName } from '@sanshe/config';

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
  });
}

export type ServiceConfig = z.infer<ReturnType<typeof serviceEnvSchema>> & { service: ServiceName };

/** Reads and validates the environment; an invalid value stops the boot with the variable named. */
export function loadServiceConfig(service: ServiceName, env: Record<string, string | undefined>): ServiceConfig {
  return { ...parseEnv(serviceEnvSchema(service), env), service };
}

export const SERVICE_CONFIG = Symbol('SERVICE_CONFIG');
