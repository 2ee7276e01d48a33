import { InvalidEnvironmentError, LOCAL_DATABASE_URL, parsePlatformEnv } from './index';

describe('parsePlatformEnv', () => {
  it('defaults to the servers infra/local runs', () => {
    expect(parsePlatformEnv({})).toEqual({
      DATABASE_URL: LOCAL_DATABASE_URL,
      KAFKA_BROKERS: ['127.0.0.1:9092'],
      KAFKA_TOPIC_PREFIX: '',
      TEMPORAL_ADDRESS: '127.0.0.1:7233',
      TEMPORAL_NAMESPACE: 'sanshe',
      LOG_LEVEL: 'info',
      LOG_FORMAT: 'json',
      LOG_REDACT_PATHS: [],
    });
  });

  it('takes servers the user already runs', () => {
    const env = parsePlatformEnv({
      DATABASE_URL: 'postgresql://app:secret@db.internal:6432/sanshe',
      KAFKA_BROKERS: 'k1:9092, k2:9092',
      TEMPORAL_ADDRESS: 'temporal.internal:7233',
    });
    expect(env.KAFKA_BROKERS).toEqual(['k1:9092', 'k2:9092']);
    expect(env.DATABASE_URL).toBe('postgresql://app:secret@db.internal:6432/sanshe');
  });

  it('names every invalid variable at once', () => {
    const parse = () =>
      parsePlatformEnv({ DATABASE_URL: 'mysql://x', KAFKA_BROKERS: 'no-port', TEMPORAL_ADDRESS: 'x' });
    expect(parse).toThrow(InvalidEnvironmentError);
    expect(parse).toThrow(/DATABASE_URL: DATABASE_URL must be a postgres:\/\/ URL/);
    expect(parse).toThrow(/KAFKA_BROKERS: KAFKA_BROKERS must be a comma-separated list of host:port/);
    expect(parse).toThrow(/TEMPORAL_ADDRESS: TEMPORAL_ADDRESS must be host:port/);
  });

  it('takes a topic prefix of dot-ended segments, and refuses any other', () => {
    for (const prefix of ['test.', 'ci-7.test.', ''])
      expect(parsePlatformEnv({ KAFKA_TOPIC_PREFIX: prefix }).KAFKA_TOPIC_PREFIX).toBe(prefix);
    for (const prefix of ['test', 'Test.', '.test.', 'a..', 'te st.', 'test_1.'])
      expect(() => parsePlatformEnv({ KAFKA_TOPIC_PREFIX: prefix })).toThrow(
        /KAFKA_TOPIC_PREFIX: KAFKA_TOPIC_PREFIX must be/,
      );
  });
});
