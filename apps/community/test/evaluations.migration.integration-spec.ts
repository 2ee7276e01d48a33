import { DataSource } from 'typeorm';
import { migrate, serviceDataSourceOptions } from '@sanshe/persistence';
import { parseTestEnv, uniqueName } from '@sanshe/testing';
import { migrations } from '../migrations';
import { EvaluationsOpenUntilWindowCloses1796000000022 } from '../migrations/1796000000022-evaluations-open-until-window-closes';

// Migration 022 on a schema that scored activities the old way (closed on the fourth dimension): each
// 'scored' activity becomes 'final', each rating's revision counts the events it already had, and an
// open activity may now hold a provisional score; down() goes back.
const url = parseTestEnv(process.env).DATABASE_URL;
const schema = uniqueName('community_mig022').replace(/-/g, '_');
const before = migrations.filter((migration) => migration !== EvaluationsOpenUntilWindowCloses1796000000022);
let dataSource: DataSource;

const activity = (id: string, status: string, score: string | null) =>
  dataSource.query(
    `INSERT INTO "${schema}".evaluated_activity (activity_id, proposal_id, organization_id, community_code,
       attendance, completed_at, window_closes_at, weights, status, score)
     VALUES ($1, 'prop-1', 'org-1', '310104-005-001', 10, now(), now(), '{}', $2, $3::numeric)`,
    [id, status, score],
  );
const statuses = () =>
  dataSource.query<{ activity_id: string; status: string; score: string | null }[]>(
    `SELECT activity_id, status, score FROM "${schema}".evaluated_activity ORDER BY activity_id`,
  );

beforeAll(async () => {
  await migrate({ url, schema, migrations: before });
  dataSource = new DataSource(serviceDataSourceOptions({ url, schema, migrations, poolSize: 1 }));
  await dataSource.initialize();
  await activity('act-1', 'scored', '4.31');
  await activity('act-2', 'unscored', null);
  await activity('act-3', 'open', null);
  await dataSource.query(
    `INSERT INTO "${schema}".organization_rating (organization_id, score, activities) VALUES ('org-1', 4.31, 1)`,
  );
  await dataSource.runMigrations({ transaction: 'each' });
});

afterAll(async () => {
  await dataSource?.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
  await dataSource?.destroy();
});

it('turns scored into final, gives each rating its revision, and lets an open activity hold a score', async () => {
  expect(await statuses()).toEqual([
    { activity_id: 'act-1', status: 'final', score: '4.31' },
    { activity_id: 'act-2', status: 'unscored', score: null },
    { activity_id: 'act-3', status: 'open', score: null },
  ]);
  expect(await dataSource.query(`SELECT revision FROM "${schema}".organization_rating`)).toEqual([{ revision: 1 }]);
  await dataSource.query(`UPDATE "${schema}".evaluated_activity SET score = 4.5 WHERE activity_id = 'act-3'`);
  await expect(activity('act-4', 'scored', '4.00')).rejects.toThrow(/evaluated_activity_status_check/);
  await expect(activity('act-5', 'final', null)).rejects.toThrow(/evaluated_activity_final_has_score/);
  await expect(activity('act-6', 'unscored', '3.00')).rejects.toThrow(/evaluated_activity_unscored_has_none/);
});

it('goes back down: final is scored again and provisional scores are dropped', async () => {
  await dataSource.undoLastMigration({ transaction: 'each' });
  expect(await statuses()).toEqual([
    { activity_id: 'act-1', status: 'scored', score: '4.31' },
    { activity_id: 'act-2', status: 'unscored', score: null },
    { activity_id: 'act-3', status: 'open', score: null },
  ]);
});
