import { mkdtempSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadCommunityConfig } from '../../config/community-config';
import { devDataKeyFile, resolveDataKeys } from './data-keys';

describe('resolveDataKeys', () => {
  it('without configured keys creates a development key file once (mode 0600) and reuses it', () => {
    const stateDir = mkdtempSync(join(tmpdir(), 'sanshe-keys-'));
    const config = loadCommunityConfig({ SANSHE_STATE_DIR: stateDir });
    const first = resolveDataKeys(config);
    expect(statSync(devDataKeyFile(stateDir)).mode & 0o777).toBe(0o600);
    expect(first.ring.get(first.activeKeyId)).toHaveLength(32);
    expect(first.lookupKey).toHaveLength(32);
    const again = resolveDataKeys(config);
    expect(again.activeKeyId).toBe(first.activeKeyId);
    expect(again.lookupKey.equals(first.lookupKey)).toBe(true);
  });

  it('takes the configured ring, active id and lookup key', () => {
    const key = (byte: number) => Buffer.alloc(32, byte).toString('base64');
    const config = loadCommunityConfig({
      SANSHE_STATE_DIR: '/nonexistent',
      COMMUNITY_DATA_KEYS: `old:${key(1)},new:${key(2)}`,
      COMMUNITY_DATA_KEY_ID: 'new',
      COMMUNITY_LOOKUP_KEY: key(3),
    });
    const keys = resolveDataKeys(config);
    expect([...keys.ring.keys()]).toEqual(['old', 'new']);
    expect(keys.activeKeyId).toBe('new');
    expect(keys.lookupKey.equals(Buffer.alloc(32, 3))).toBe(true);
  });
});
