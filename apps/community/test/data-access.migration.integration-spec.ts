import { DataSource } from 'typeorm';
import { migrate, serviceDataSourceOptions } from '@sanshe/persistence';
import { parseTestEnv, uniqueName } from '@sanshe/testing';
import { migrations } from '../migrations';
import { CreateDataAccess1796000000050 } from '../migrations/1796000000050-create-data-access';

// Migration 050 goes down and up again by the service's own role, though that role may no longer change
// access_log's rows: dropping the table is the owner's right, not a privilege the migration revoked.
const url = parseTestEnv(process.env).DATABASE_URL;
const schema = uniqueName('community_mig050').replace(/-/g, '_');
const upTo050 = migrations.slice(0, migrations.indexOf(CreateDataAccess1796000000050) + 1);
let dataSource: DataSource;

const tables = async () =>
  (
    await dataSource.query<{ table_name: string }[]>(
      `SELECT table_name FROM information_schema.tables
        WHERE table_schema = $1 AND (table_name LIKE 'data_access%' OR table_name = 'access_log') ORDER BY table_name`,
      [schema],
    )
  ).map((row) => row.table_name);

beforeAll(async () => {
  await migrate({ url, schema, migrations: upTo050 });
  dataSource = new DataSource(serviceDataSourceOptions({ url, schema, migrations: upTo050, poolSize: 1 }));
  await dataSource.initialize();
});

afterAll(async () => {
  await dataSource?.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
  await dataSource?.destroy();
});

it('creates the request, grant and access-log tables, and goes back down without a trace, then up again', async () => {
  const all = ['access_log', 'data_access_grant', 'data_access_grant_resident', 'data_access_request'];
  expect(await tables()).toEqual([...all, 'data_access_request_resident']);
  await dataSource.query(
    `INSERT INTO "${schema}".access_log (actor_sub, actor_parties, grant_id, resident_id, community_code, fields, result)
     VALUES ('s', '{}', 'g', 'rp-aaaaaaaa', '310104-005-001', '{name}', 'granted')`,
  );
  await dataSource.undoLastMigration({ transaction: 'each' });
  expect(await tables()).toEqual([]);
  const functions = await dataSource.query(
    `SELECT 1 FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
      WHERE n.nspname = $1 AND p.proname = 'access_log_append_only'`,
    [schema],
  );
  expect(functions).toEqual([]);
  await dataSource.runMigrations({ transaction: 'each' });
  expect(await tables()).toHaveLength(5);
});
