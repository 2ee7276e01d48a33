import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { Client } from 'pg';
import { parseTestEnv, uniqueName } from '@sanshe/testing';
import { builtServices, ensureBuiltApps } from './built-apps';

/**
 * A service does not migrate at start: its image runs `node dist/apps/<service>/migrate.js` first. The built
 * migrations must bring an empty schema up to date, as the source's do (TypeORM loads the built classes).
 */
describe.each(builtServices())('%s built: its migrations', (service) => {
  const url = parseTestEnv(process.env).DATABASE_URL;
  let folder = '';
  beforeAll(async () => {
    folder = (await ensureBuiltApps()).folder;
  }, 120_000);

  it('apply every one of them to an empty schema, from the built files alone', async () => {
    const built = join(folder, service);
    // The built modules themselves, as migrate.js loads them (not the sources Jest would compile).
    // Path parts, not one string: Nx reads a literal 'libs/persistence/…' in a require as a lazy import of the lib.
    const { migrate } = require(join(built, 'libs', 'persistence', 'src', 'migrate.js')) as {
      migrate: (options: { url: string; schema: string; migrations: Function[] }) => Promise<string[]>;
    };
    const { migrations } = require(join(built, 'apps', service, 'migrations/index.js')) as { migrations: Function[] };
    const schema = uniqueName(`built_${service}`).replace(/-/g, '_');
    try {
      const applied = await migrate({ url, schema, migrations });
      expect(applied.length).toBeGreaterThan(0);
      // TypeORM applies them by their timestamps, whatever the list's order.
      expect([...applied].sort()).toEqual(migrations.map((m) => (m as { name: string }).name).sort());
    } finally {
      const client = new Client({ connectionString: url });
      await client.connect();
      await client.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
      await client.end();
    }
  });
});

it('community’s migrate.js (the image’s migration command) leaves its schema up to date and exits 0', async () => {
  const { folder } = await ensureBuiltApps();
  const run = spawnSync(process.execPath, [join(folder, 'community', 'migrate.js')], {
    env: { ...process.env, DATABASE_URL: parseTestEnv(process.env).DATABASE_URL },
    encoding: 'utf8',
  });
  expect(`${run.stdout}${run.stderr}`).toMatch(/^\s+community\s+(up to date|applied )/);
  expect(run.status).toBe(0);
}, 120_000);
