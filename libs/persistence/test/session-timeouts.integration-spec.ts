import { DataSource } from 'typeorm';
import { serviceDataSourceOptions } from '../src/data-source-options';
import { parseTestEnv, uniqueName } from '@sanshe/testing';

/** The limits a service's pool sets on the real PostgreSQL: nothing holds a connection or lock without end. */
describe('service connection timeouts (real PostgreSQL)', () => {
  const env = parseTestEnv(process.env);
  const limited = new DataSource(
    serviceDataSourceOptions({
      url: env.DATABASE_URL,
      schema: 'public',
      poolSize: 2,
      timeouts: { statementMs: 500, idleInTransactionMs: 700 },
    }),
  );
  const unlimited = new DataSource(serviceDataSourceOptions({ url: env.DATABASE_URL, schema: 'public', poolSize: 1 }));

  beforeAll(async () => {
    await limited.initialize();
    await unlimited.initialize();
  });
  afterAll(async () => {
    await limited.destroy();
    await unlimited.destroy();
  });

  it('ends a statement that runs past statement_timeout', async () => {
    await expect(limited.query('SELECT pg_sleep(2)')).rejects.toMatchObject({
      driverError: { code: '57014', message: 'canceling statement due to statement timeout' },
    });
    expect(await limited.query('SELECT 1 AS ok')).toEqual([{ ok: 1 }]); // the pool goes on
  });

  it('ends a transaction left idle past idle_in_transaction_session_timeout, and it commits nothing', async () => {
    const table = `"public"."${uniqueName('idle_tx').replace(/-/g, '_')}"`;
    await unlimited.query(`CREATE TABLE ${table} (id int)`);
    const runner = limited.createQueryRunner();
    try {
      await runner.startTransaction();
      const [{ pid }] = (await runner.query('SELECT pg_backend_pid() AS pid')) as [{ pid: number }];
      await runner.query(`INSERT INTO ${table} VALUES (1)`);
      await new Promise((resolve) => setTimeout(resolve, 1_500)); // the caller waits on something else
      await expect(runner.commitTransaction()).rejects.toThrow(); // the server has ended the session
      const alive = (await unlimited.query('SELECT 1 FROM pg_stat_activity WHERE pid = $1', [pid])) as unknown[];
      expect(alive).toEqual([]);
      expect(await unlimited.query(`SELECT count(*)::int AS n FROM ${table}`)).toEqual([{ n: 0 }]);
    } finally {
      await runner.release().catch(() => undefined);
      await unlimited.query(`DROP TABLE ${table}`);
    }
  });

  it('sets no limit where none is asked for (migrations, tools)', async () => {
    expect(await unlimited.query('SHOW statement_timeout')).toEqual([{ statement_timeout: '0' }]);
    expect(await limited.query('SHOW statement_timeout')).toEqual([{ statement_timeout: '500ms' }]);
  });
});
