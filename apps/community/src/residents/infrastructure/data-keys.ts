import { randomBytes } from 'node:crypto';
import { existsSync, linkSync, mkdirSync, readFileSync, unlinkSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { CommunityConfig } from '../../config/community-config';
import { parseDataKeyRing } from '../../config/data-key-ring';

/** The keys that protect residents' fields: the ring (every key a row may be under), the active one, the lookup key. */
export interface DataKeys {
  ring: ReadonlyMap<string, Buffer>;
  activeKeyId: string;
  /** The HMAC key of phone and ID-number lookups; never rotated by rotate-key (the hashes would all change). */
  lookupKey: Buffer;
}

/** Injection token of the resolved DataKeys. */
export const DATA_KEYS = Symbol('DATA_KEYS');

interface DevKeyFile {
  keys: Record<string, string>;
  activeKeyId: string;
  lookupKey: string;
}

/** Where the development keys live: beside the development token keys, under the state directory. */
export const devDataKeyFile = (stateDir: string) => join(stateDir, 'community', 'data-keys.json');

/**
 * The configured keys; without any (development and tests only: production refuses to boot, see
 * community-config.ts) the development key file, created on first use with mode 0600. Creation is
 * atomic (a hard link of a finished file), so processes starting together share one set of keys.
 */
export function resolveDataKeys(config: CommunityConfig): DataKeys {
  const { COMMUNITY_DATA_KEYS, COMMUNITY_DATA_KEY_ID, COMMUNITY_LOOKUP_KEY } = config;
  if (COMMUNITY_DATA_KEYS && COMMUNITY_DATA_KEY_ID && COMMUNITY_LOOKUP_KEY) {
    const ring = parseDataKeyRing(COMMUNITY_DATA_KEYS);
    return { ring, activeKeyId: COMMUNITY_DATA_KEY_ID, lookupKey: Buffer.from(COMMUNITY_LOOKUP_KEY, 'base64') };
  }
  const file = devDataKeyFile(config.stateDir);
  if (!existsSync(file)) createDevKeyFile(file);
  const dev = JSON.parse(readFileSync(file, 'utf8')) as DevKeyFile;
  const ring = new Map(Object.entries(dev.keys).map(([keyId, key]) => [keyId, Buffer.from(key, 'base64')] as const));
  return { ring, activeKeyId: dev.activeKeyId, lookupKey: Buffer.from(dev.lookupKey, 'base64') };
}

function createDevKeyFile(file: string): void {
  const activeKeyId = `dev-${randomBytes(4).toString('hex')}`;
  const content: DevKeyFile = {
    keys: { [activeKeyId]: randomBytes(32).toString('base64') },
    activeKeyId,
    lookupKey: randomBytes(32).toString('base64'),
  };
  mkdirSync(dirname(file), { recursive: true, mode: 0o700 });
  const draft = `${file}.${process.pid}.${randomBytes(4).toString('hex')}`;
  writeFileSync(draft, JSON.stringify(content, null, 2), { mode: 0o600 });
  try {
    linkSync(draft, file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  } finally {
    unlinkSync(draft);
  }
}
