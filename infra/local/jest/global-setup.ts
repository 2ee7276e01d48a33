import { spawnSync } from 'node:child_process';
import { resolve } from 'node:path';

/**
 * Brings up whatever local server is not running (well under a second when all run), so any single
 * test can be run directly. A server that cannot start fails the run, naming it and its log.
 * A child process, because Jest's global setup runs outside its module registry and so without the
 * workspace's path aliases.
 */
export default function globalSetup(): void {
  const root = resolve(__dirname, '../../..');
  const result = spawnSync(process.execPath, ['-r', '@swc-node/register', 'infra/local/cli.ts', 'up', '--quiet'], {
    cwd: root,
    stdio: 'inherit',
  });
  if (result.status !== 0) throw new Error('local infrastructure is not up (see the infra: lines above)');
}
