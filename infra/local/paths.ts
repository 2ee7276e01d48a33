import { homedir } from 'node:os';
import { join, resolve } from 'node:path';
import { localInfra, localStateDir } from '@sanshe/config';

const isRoot = process.getuid?.() === 0;

/**
 * Downloads and builds live in the cache (reused by every clone on the machine, CI included);
 * server data, logs and pid files live in the state directory. Both sit outside the checkout.
 * As root the state directory is under /var/lib, because PostgreSQL runs as the `postgres`
 * user and cannot enter /root.
 */
export const CACHE_DIR = resolve(
  process.env.SANSHE_CACHE_DIR ?? join(process.env.XDG_CACHE_HOME ?? join(homedir(), '.cache'), 'sanshe'),
);
export const STATE_DIR = localStateDir(process.env, isRoot);
export const LOG_DIR = join(STATE_DIR, 'logs');
export const RUN_DIR = join(STATE_DIR, 'run');
export const INFRA_SRC_DIR = __dirname;
/** Where the servers listen: the defaults, or each port shifted by SANSHE_PORT_OFFSET (the chaos suite's own set). */
export const INFRA = localInfra(process.env);

export const logFile = (server: string) => join(LOG_DIR, `${server}.log`);
export const pidFile = (server: string) => join(RUN_DIR, `${server}.pid`);
export const dataDir = (server: string) => join(STATE_DIR, server);
export { isRoot };
