import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { kafkaClientSecurity, kafkaClientSecurityFromEnv } from './kafka-security';
import { InvalidEnvironmentError, parsePlatformEnv } from './platform-env';

describe('Kafka client security settings', () => {
  it('are none by default: today PLAINTEXT broker, no login', () => {
    expect(kafkaClientSecurity(parsePlatformEnv({}))).toEqual({});
    expect(kafkaClientSecurity(parsePlatformEnv({ KAFKA_SASL_MECHANISM: 'none', KAFKA_SSL: 'false' }))).toEqual({});
  });

  it('build a SCRAM login for kafkajs from the mechanism, user and password', () => {
    const env = parsePlatformEnv({
      KAFKA_SASL_MECHANISM: 'scram-sha-512',
      KAFKA_SASL_USERNAME: 'governance',
      KAFKA_SASL_PASSWORD: 's3cret',
    });
    expect(kafkaClientSecurity(env)).toEqual({
      sasl: { mechanism: 'scram-sha-512', username: 'governance', password: 's3cret' },
    });
  });

  it('refuse a mechanism without a user or password, naming each missing setting', () => {
    const env = parsePlatformEnv({ KAFKA_SASL_MECHANISM: 'scram-sha-256' });
    expect(() => kafkaClientSecurity(env)).toThrow(InvalidEnvironmentError);
    expect(() => kafkaClientSecurity(env)).toThrow(
      /KAFKA_SASL_USERNAME: required when KAFKA_SASL_MECHANISM=scram-sha-256/,
    );
    expect(() => kafkaClientSecurity(env)).toThrow(/KAFKA_SASL_PASSWORD: required/);
  });

  it('refuse a user without a mechanism (it would connect as nobody)', () => {
    const env = parsePlatformEnv({ KAFKA_SASL_USERNAME: 'governance', KAFKA_SASL_PASSWORD: 'x' });
    expect(() => kafkaClientSecurity(env)).toThrow(/KAFKA_SASL_USERNAME: set, but KAFKA_SASL_MECHANISM is not/);
  });

  it('refuse an unknown mechanism or TLS flag at parse time, naming the setting', () => {
    expect(() => parsePlatformEnv({ KAFKA_SASL_MECHANISM: 'plain' })).toThrow(/KAFKA_SASL_MECHANISM: .*scram-sha-512/);
    expect(() => parsePlatformEnv({ KAFKA_SSL: 'yes' })).toThrow(/KAFKA_SSL: KAFKA_SSL must be true or false/);
  });

  it('turn TLS on, with the CA file read when named, and refuse a CA file that is missing or without TLS', () => {
    expect(kafkaClientSecurity(parsePlatformEnv({ KAFKA_SSL: 'true' }))).toEqual({ ssl: true });
    const ca = join(mkdtempSync(join(tmpdir(), 'kafka-ca-')), 'ca.pem');
    writeFileSync(ca, '-----BEGIN CERTIFICATE-----\n');
    expect(kafkaClientSecurity(parsePlatformEnv({ KAFKA_SSL: 'true', KAFKA_SSL_CA_FILE: ca }))).toEqual({
      ssl: { ca: ['-----BEGIN CERTIFICATE-----\n'] },
    });
    expect(() => kafkaClientSecurity(parsePlatformEnv({ KAFKA_SSL_CA_FILE: ca }))).toThrow(
      /KAFKA_SSL_CA_FILE: set, but KAFKA_SSL is not true/,
    );
    const missing = parsePlatformEnv({ KAFKA_SSL: 'true', KAFKA_SSL_CA_FILE: `${ca}.nope` });
    expect(() => kafkaClientSecurity(missing)).toThrow(/KAFKA_SSL_CA_FILE: no file at/);
  });

  it('are read from raw environment variables alone by tools (other settings ignored)', () => {
    const env = {
      DATABASE_URL: 'not a url',
      KAFKA_SASL_MECHANISM: 'scram-sha-512',
      KAFKA_SASL_USERNAME: 'tools',
      KAFKA_SASL_PASSWORD: 'p',
    };
    expect(kafkaClientSecurityFromEnv(env)).toEqual({
      sasl: { mechanism: 'scram-sha-512', username: 'tools', password: 'p' },
    });
    expect(() => kafkaClientSecurityFromEnv({ KAFKA_SASL_MECHANISM: 'scram-sha-512' })).toThrow(
      /KAFKA_SASL_USERNAME: required/,
    );
  });
});
