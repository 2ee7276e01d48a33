/** `npm run migrate`: each service applies its pending migrations to its own schema, one after another. */
import { spawnSync } from 'node:child_process';
import { resolve } from 'node:path';
import { SERVICE_NAMES } from '@sanshe/config';

const ROOT = resolve(__dirname, '../..');

export function migrateAll(): void {
  console.log('migrations');
  const failed = SERVICE_NAMES.filter(
    (service) =>
      spawnSync(process.execPath, ['-r', '@swc-node/register', `apps/${service}/migrations/run.ts`], {
        cwd: ROOT,
        stdio: 'inherit',
      }).status !== 0,
  );
  if (failed.length) throw new Error(`migrations failed for ${failed.join(', ')} (see above)`);
}

if (require.main === module) {
  try {
    migrateAll();
  } catch (err) {
    console.error(err instanceof Error ? err.message : err);
    process.exit(1);
  }
}
