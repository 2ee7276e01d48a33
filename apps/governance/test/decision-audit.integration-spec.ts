import { spawnSync } from 'node:child_process';
import { resolve } from 'node:path';
import { DataSource } from 'typeorm';
import { migrate, serviceDataSourceOptions } from '@sanshe/persistence';
import { parseTestEnv, uniqueName } from '@sanshe/testing';
import { migrations } from '../migrations';
import { BrokenAuditChainError, ConflictingAuditError } from '../src/decisions/domain/decision-audit-errors';
import { PostgresDecisionAuditRepository } from '../src/decisions/infrastructure/postgres-decision-audit.repository';
import { closedTrail } from './closed-trail-fixture';

// The real PostgreSQL, with governance's migrations, in a schema of this run's own.
const { DATABASE_URL } = parseTestEnv(process.env);
const schema = uniqueName('governance_audit').replace(/-/g, '_');
const ROOT = resolve(__dirname, '../../..');
let dataSource: DataSource;
let audits: PostgresDecisionAuditRepository;

const store = (stored: ReturnType<typeof closedTrail>) =>
  dataSource.transaction((manager) => audits.store(manager, stored.closed, stored.trail));
const count = async (table: string) =>
  Number((await dataSource.query<{ n: string }[]>(`SELECT count(*) AS n FROM "${schema}".${table}`))[0]!.n);
const verify = () =>
  spawnSync('npm', ['run', '-s', 'decisions:verify', '--', '--schema', schema], {
    cwd: ROOT,
    env: { ...process.env, DATABASE_URL },
    encoding: 'utf8',
    timeout: 60_000,
  });

beforeAll(async () => {
  await migrate({ url: DATABASE_URL, schema, migrations });
  dataSource = new DataSource(serviceDataSourceOptions({ url: DATABASE_URL, schema, poolSize: 2 }));
  await dataSource.initialize();
  audits = new PostgresDecisionAuditRepository(dataSource);
}, 60_000);

afterAll(async () => {
  await dataSource.query(`DROP SCHEMA "${schema}" CASCADE`);
  await dataSource.destroy();
});

describe('the stored audit of closed decisions', () => {
  it('stores a verified trail once; the same trail again changes nothing', async () => {
    const decision = closedTrail('decision/activity-proposal/same-twice');
    await store(decision);
    await store(decision);
    expect(await audits.closed(decision.closed.decisionId)).toEqual(decision.closed);
    expect(await audits.trail(decision.closed.decisionId)).toEqual(decision.trail);
    expect(await count('decision_audit_record')).toBe(4);
  });

  it('refuses a broken chain and stores nothing of it', async () => {
    const decision = closedTrail('decision/activity-proposal/broken');
    const edited = decision.trail.map((r) => (r.seq === 2 ? { ...r, entry: { ...r.entry, choice: 'object' } } : r));
    const refusal = dataSource.transaction((manager) => audits.store(manager, decision.closed, edited as never));
    await expect(refusal).rejects.toThrow(BrokenAuditChainError);
    await expect(refusal).rejects.toThrow(/breaks at record 2 of 4/);
    expect(await audits.closed(decision.closed.decisionId)).toBeNull();
    expect(await audits.trail(decision.closed.decisionId)).toEqual([]);
  });

  it('refuses a different valid trail for a decision already stored, keeping the first', async () => {
    const first = closedTrail('decision/activity-proposal/conflict');
    await store(first);
    const other = closedTrail('decision/activity-proposal/conflict', Date.parse('2026-11-27T08:00:00.000Z'));
    await expect(store(other)).rejects.toThrow(ConflictingAuditError);
    expect(await audits.closed(first.closed.decisionId)).toEqual(first.closed);
    expect(await audits.trail(first.closed.decisionId)).toEqual(first.trail);
  });

  it('is append-only: UPDATE, DELETE and TRUNCATE are refused by the database', async () => {
    const table = `"${schema}".decision_audit_record`;
    await expect(dataSource.query(`UPDATE ${table} SET hash = 'x'`)).rejects.toThrow(/append-only: UPDATE/);
    await expect(dataSource.query(`DELETE FROM ${table}`)).rejects.toThrow(/append-only: DELETE/);
    await expect(dataSource.query(`TRUNCATE "${schema}".closed_decision CASCADE`)).rejects.toThrow(/append-only/);
  });

  it('decisions:verify passes an intact store, and fails on a row edited behind the trigger', async () => {
    const intact = verify();
    expect(intact.stdout).toContain('2 decisions checked');
    expect(intact.stdout).toContain('0 broken');
    expect(intact.status).toBe(0);

    const table = `"${schema}".decision_audit_record`;
    await dataSource.query(`ALTER TABLE ${table} DISABLE TRIGGER decision_audit_record_append_only`);
    await dataSource.query(
      `UPDATE ${table} SET entry = jsonb_set(entry, '{choice}', '"object"') WHERE decision_id = $1 AND seq = 3`,
      ['decision/activity-proposal/conflict'],
    );
    await dataSource.query(`ALTER TABLE ${table} ENABLE TRIGGER decision_audit_record_append_only`);

    const broken = verify();
    expect(broken.stdout).toContain(
      'BROKEN decision/activity-proposal/conflict: the hash chain breaks at record 3 of 4',
    );
    expect(broken.stdout).toContain('2 decisions checked');
    expect(broken.stdout).toContain('1 broken');
    expect(broken.status).toBe(1);
  }, 120_000);
});
