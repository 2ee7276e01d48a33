import { InvalidEnvironmentError } from '@sanshe/config';
import { loadServiceConfig } from './service-config';

const production = {
  NODE_ENV: 'production',
  DATABASE_URL: 'postgres://svc:secret@db.internal:5432/sanshe',
  KAFKA_BROKERS: 'kafka-1.internal:9092,kafka-2.internal:9092',
  TEMPORAL_ADDRESS: 'temporal.internal:7233',
  AUTH_JWKS_URL: 'https://id.example.gov.cn/.well-known/jwks.json',
  AUTH_ISSUER: 'https://id.example.gov.cn',
};

describe('loadServiceConfig in production', () => {
  it.each(['DATABASE_URL', 'KAFKA_BROKERS', 'TEMPORAL_ADDRESS', 'AUTH_ISSUER'])(
    'stops without %s, naming it, instead of using the local default',
    (name) => {
      const env: Record<string, string> = { ...production };
      delete env[name];
      expect(() => loadServiceConfig('funding', env)).toThrow(InvalidEnvironmentError);
      expect(() => loadServiceConfig('funding', env)).toThrow(`${name}: must be set when NODE_ENV=production`);
    },
  );

  it('stops without a JWKS (URL or file), so the development key is never trusted', () => {
    const { AUTH_JWKS_URL: _url, ...withoutJwks } = production;
    expect(() => loadServiceConfig('funding', withoutJwks)).toThrow(
      'AUTH_JWKS_URL or AUTH_JWKS_FILE: must be set when NODE_ENV=production',
    );
    expect(
      loadServiceConfig('funding', { ...withoutJwks, AUTH_JWKS_FILE: '/etc/sanshe/jwks.json' }).AUTH_JWKS_FILE,
    ).toBe('/etc/sanshe/jwks.json');
  });

  it('takes every address from the environment when all are set', () => {
    expect(loadServiceConfig('funding', production)).toMatchObject({
      DATABASE_URL: production.DATABASE_URL,
      KAFKA_BROKERS: ['kafka-1.internal:9092', 'kafka-2.internal:9092'],
      TEMPORAL_ADDRESS: production.TEMPORAL_ADDRESS,
      AUTH_JWKS_URL: production.AUTH_JWKS_URL,
    });
  });

  it('keeps the local defaults outside production', () => {
    expect(loadServiceConfig('funding', {})).toMatchObject({ TEMPORAL_ADDRESS: '127.0.0.1:7233' });
  });
});

describe('KAFKA_SESSION_TIMEOUT_MS', () => {
  it("is kafkajs's 30 s by default, read from the environment, and refused below the broker's 6 s minimum", () => {
    expect(loadServiceConfig('funding', {}).KAFKA_SESSION_TIMEOUT_MS).toBe(30_000);
    expect(loadServiceConfig('funding', { KAFKA_SESSION_TIMEOUT_MS: '10000' }).KAFKA_SESSION_TIMEOUT_MS).toBe(10_000);
    expect(() => loadServiceConfig('funding', { KAFKA_SESSION_TIMEOUT_MS: '1000' })).toThrow(
      /KAFKA_SESSION_TIMEOUT_MS/,
    );
  });
});
