import { execFile } from 'node:child_process';
import { resolve } from 'node:path';
import { promisify } from 'node:util';

const ROOT = resolve(__dirname, '../../../..');

/**
 * How portal-sim logs in to Kafka as a portal (docs/portals.md). When the environment already names a login
 * (KAFKA_SASL_USERNAME: a test's, or a cluster's) or the broker is unsecured, portal-sim inherits it. On the
 * local secured broker the portal acts as its own user, `portal-<portalId>`: a portal registered at run time
 * has ACLs but no SCRAM user yet, so `npm run kafka:user` makes it (once; ~3 s) and prints its KAFKA_SASL_* lines.
 */
export function portalKafkaLogin(env: NodeJS.ProcessEnv): (portalId: string) => Promise<Record<string, string>> {
  const made = new Map<string, Promise<Record<string, string>>>();
  return (portalId) => {
    if (env.KAFKA_SASL_USERNAME || env.KAFKA_BROKERS || env.SANSHE_KAFKA_SECURITY === 'none') {
      return Promise.resolve({});
    }
    if (!made.has(portalId)) made.set(portalId, localPortalUser(env, `portal-${portalId}`));
    return made.get(portalId)!;
  };
}

async function localPortalUser(env: NodeJS.ProcessEnv, user: string): Promise<Record<string, string>> {
  const { stdout } = await promisify(execFile)(
    process.execPath,
    ['-r', '@swc-node/register', 'infra/local/cli.ts', 'kafka-user', user],
    { cwd: ROOT, env, maxBuffer: 1 << 20 },
  );
  return parseExports(stdout);
}

/** `export NAME='value'` lines as a record. */
export function parseExports(text: string): Record<string, string> {
  const found: Record<string, string> = {};
  for (const match of text.matchAll(/^export ([A-Z_]+)='([^']*)'$/gm)) found[match[1]!] = match[2]!;
  return found;
}
