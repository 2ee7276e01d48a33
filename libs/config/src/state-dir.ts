import { homedir } from 'node:os';
import { join, resolve } from 'node:path';

/**
 * Where local server data, logs, pid files and the development key pair live: SANSHE_STATE_DIR, else
 * /var/lib/sanshe as root (PostgreSQL runs as `postgres` and cannot enter /root), else the XDG state
 * directory. Outside the checkout, so fresh clones on one machine share it.
 */
export function localStateDir(env: Record<string, string | undefined>, isRoot = process.getuid?.() === 0): string {
  if (env.SANSHE_STATE_DIR) return resolve(env.SANSHE_STATE_DIR);
  if (isRoot) return '/var/lib/sanshe';
  return resolve(join(env.XDG_STATE_HOME ?? join(homedir(), '.local', 'state'), 'sanshe'));
}
