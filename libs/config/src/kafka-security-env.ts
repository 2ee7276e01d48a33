import { z } from 'zod';

export const KAFKA_SASL_MECHANISMS = ['scram-sha-512', 'scram-sha-256', 'none'] as const;
export type KafkaSaslMechanism = Exclude<(typeof KAFKA_SASL_MECHANISMS)[number], 'none'>;

/**
 * How a client authenticates to Kafka (part of the platform environment). Every key is optional: unset means
 * today's PLAINTEXT broker with no login, so nothing changes for a client that sets none of them
 * (docs/operations.md, "Kafka security"). kafka-security.ts checks them together and builds kafkajs' options.
 */
export const kafkaSecurityEnvShape = {
  KAFKA_SASL_MECHANISM: z
    .enum(KAFKA_SASL_MECHANISMS, { error: `KAFKA_SASL_MECHANISM must be one of ${KAFKA_SASL_MECHANISMS.join(', ')}` })
    .optional(),
  KAFKA_SASL_USERNAME: z.string().optional(),
  KAFKA_SASL_PASSWORD: z.string().optional(),
  KAFKA_SSL: z.enum(['true', 'false'], { error: 'KAFKA_SSL must be true or false' }).optional(),
  /** A PEM file of the CA(s) that signed the brokers' certificates; unset = the system's CAs. */
  KAFKA_SSL_CA_FILE: z.string().min(1).optional(),
};

export type KafkaSecurityEnv = {
  [K in keyof typeof kafkaSecurityEnvShape]?: z.infer<(typeof kafkaSecurityEnvShape)[K]>;
};
