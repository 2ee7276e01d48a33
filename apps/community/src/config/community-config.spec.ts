import { loadCommunityConfig } from './community-config';

describe('community config', () => {
  it('defaults the evaluation window to 30 days', () => {
    expect(loadCommunityConfig({}).COMMUNITY_EVALUATION_WINDOW_HOURS).toBe(720);
    expect(loadCommunityConfig({ COMMUNITY_EVALUATION_WINDOW_HOURS: '48' }).COMMUNITY_EVALUATION_WINDOW_HOURS).toBe(48);
  });

  it('refuses a window that is not a positive number, naming the variable', () => {
    expect(() => loadCommunityConfig({ COMMUNITY_EVALUATION_WINDOW_HOURS: '0' })).toThrow(
      /COMMUNITY_EVALUATION_WINDOW_HOURS/,
    );
    expect(() => loadCommunityConfig({ COMMUNITY_EVALUATION_WINDOW_HOURS: 'soon' })).toThrow(
      /COMMUNITY_EVALUATION_WINDOW_HOURS/,
    );
  });
});

describe('community data keys', () => {
  const key = (byte: number) => Buffer.alloc(32, byte).toString('base64');
  const keys = {
    COMMUNITY_DATA_KEYS: `k1:${key(1)},k2:${key(2)}`,
    COMMUNITY_DATA_KEY_ID: 'k2',
    COMMUNITY_LOOKUP_KEY: key(3),
  };

  it('refuses to boot in production without them, naming each variable', () => {
    const boot = () => loadCommunityConfig({ NODE_ENV: 'production' });
    expect(boot).toThrow(/COMMUNITY_DATA_KEYS: must be set when NODE_ENV=production/);
    expect(boot).toThrow(/COMMUNITY_DATA_KEY_ID/);
    expect(boot).toThrow(/COMMUNITY_LOOKUP_KEY/);
    expect(loadCommunityConfig({ NODE_ENV: 'production', ...keys }).COMMUNITY_DATA_KEY_ID).toBe('k2');
  });

  it('takes the three together, an active id of the ring and a lookup key of 32 bytes or more', () => {
    expect(() => loadCommunityConfig({ COMMUNITY_DATA_KEYS: keys.COMMUNITY_DATA_KEYS })).toThrow(
      /COMMUNITY_DATA_KEY_ID must be set with COMMUNITY_DATA_KEYS/,
    );
    expect(() => loadCommunityConfig({ ...keys, COMMUNITY_DATA_KEY_ID: 'k3' })).toThrow(
      /COMMUNITY_DATA_KEY_ID must be one of the ring's key ids \(k1, k2\)/,
    );
    expect(() => loadCommunityConfig({ ...keys, COMMUNITY_LOOKUP_KEY: 'c2hvcnQ=' })).toThrow(/COMMUNITY_LOOKUP_KEY/);
    expect(() => loadCommunityConfig({ ...keys, COMMUNITY_DATA_KEYS: 'k2:short' })).toThrow(
      /COMMUNITY_DATA_KEYS entry 1/,
    );
  });

  it('needs none in development (a development key file serves)', () => {
    expect(loadCommunityConfig({ SANSHE_STATE_DIR: '/tmp/x' })).toMatchObject({ stateDir: '/tmp/x' });
  });
});
