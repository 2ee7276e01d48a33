import { InvalidEnvironmentError } from './platform-env';
import { requireInProduction } from './production';

const required = ['DATABASE_URL', 'KAFKA_BROKERS', ['AUTH_JWKS_URL', 'AUTH_JWKS_FILE']] as const;

describe('requireInProduction', () => {
  it('names every missing variable when NODE_ENV=production', () => {
    const run = () =>
      requireInProduction({ NODE_ENV: 'production', KAFKA_BROKERS: 'k:9092', DATABASE_URL: ' ' }, required);
    expect(run).toThrow(InvalidEnvironmentError);
    expect(run).toThrow(/DATABASE_URL: must be set when NODE_ENV=production/);
    expect(run).toThrow(/AUTH_JWKS_URL or AUTH_JWKS_FILE: must be set/);
    expect(run).not.toThrow(/KAFKA_BROKERS/);
  });

  it('accepts one variable of a group, and anything outside production', () => {
    const env = { NODE_ENV: 'production', DATABASE_URL: 'postgres://x', KAFKA_BROKERS: 'k:9092' };
    expect(() => requireInProduction({ ...env, AUTH_JWKS_FILE: '/keys.json' }, required)).not.toThrow();
    expect(() => requireInProduction({ NODE_ENV: 'development' }, required)).not.toThrow();
    expect(() => requireInProduction({}, required)).not.toThrow();
  });
});
