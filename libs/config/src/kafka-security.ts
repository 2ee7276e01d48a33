import { existsSync, readFileSync } from 'node:fs';
import { z } from 'zod';
import { type KafkaSaslMechanism, type KafkaSecurityEnv, kafkaSecurityEnvShape } from './kafka-security-env';
import { InvalidEnvironmentError, parseEnv } from './platform-env';

/** The kafkajs client options for authentication and TLS (kafkajs' own `sasl`/`ssl` shapes). */
export interface KafkaClientSecurity {
  ssl?: boolean | { ca: string[] };
  sasl?: ScramLogin;
}

/** One object type per mechanism, as kafkajs declares its SASL options. */
type ScramLogin = {
  [M in KafkaSaslMechanism]: { mechanism: M; username: string; password: string };
}[KafkaSaslMechanism];

/**
 * What is wrong with the settings taken together: a mechanism needs a user and a password, and a user or
 * password without a mechanism is refused too (the client would silently connect as nobody).
 */
export function kafkaSecurityIssues(env: KafkaSecurityEnv): string[] {
  const mechanism = env.KAFKA_SASL_MECHANISM ?? 'none';
  const issues: string[] = [];
  for (const key of ['KAFKA_SASL_USERNAME', 'KAFKA_SASL_PASSWORD'] as const) {
    if (mechanism !== 'none' && !env[key]) issues.push(`${key}: required when KAFKA_SASL_MECHANISM=${mechanism}`);
    if (mechanism === 'none' && env[key]) {
      issues.push(`${key}: set, but KAFKA_SASL_MECHANISM is not (scram-sha-512 or scram-sha-256)`);
    }
  }
  if (env.KAFKA_SSL_CA_FILE && env.KAFKA_SSL !== 'true')
    issues.push('KAFKA_SSL_CA_FILE: set, but KAFKA_SSL is not true');
  if (env.KAFKA_SSL_CA_FILE && env.KAFKA_SSL === 'true' && !existsSync(env.KAFKA_SSL_CA_FILE)) {
    issues.push(`KAFKA_SSL_CA_FILE: no file at ${env.KAFKA_SSL_CA_FILE}`);
  }
  return issues;
}

/**
 * The security options every kafkajs client of a process is built with; {} when nothing is set (PLAINTEXT,
 * no login: today's local broker). Throws InvalidEnvironmentError naming each wrong setting.
 */
export function kafkaClientSecurity(env: KafkaSecurityEnv): KafkaClientSecurity {
  const issues = kafkaSecurityIssues(env);
  if (issues.length) throw new InvalidEnvironmentError(issues);
  const security: KafkaClientSecurity = {};
  if (env.KAFKA_SSL === 'true') {
    security.ssl = env.KAFKA_SSL_CA_FILE ? { ca: [readFileSync(env.KAFKA_SSL_CA_FILE, 'utf8')] } : true;
  }
  const mechanism = env.KAFKA_SASL_MECHANISM;
  if (mechanism && mechanism !== 'none' && env.KAFKA_SASL_USERNAME && env.KAFKA_SASL_PASSWORD) {
    security.sasl = { mechanism, username: env.KAFKA_SASL_USERNAME, password: env.KAFKA_SASL_PASSWORD };
  }
  return security;
}

/** The same from raw environment variables, for a tool that needs Kafka's settings alone. */
export function kafkaClientSecurityFromEnv(env: Record<string, string | undefined>): KafkaClientSecurity {
  return kafkaClientSecurity(parseEnv(z.object(kafkaSecurityEnvShape), env));
}
