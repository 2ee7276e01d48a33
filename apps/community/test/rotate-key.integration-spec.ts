import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { getDataSourceToken } from '@nestjs/typeorm';
import { PERSONAL_FIELDS } from '@sanshe/contracts/pure';
import type { DataSource } from 'typeorm';
import { ResidentVault } from '../src/residents/domain/resident-vault';
import { type CommunityUnderTest, startCommunityUnderTest } from './community-test-app';
import { call, COMMUNITY, registerCommunities } from './needs.fixtures';
import { registerResident, residentBody, residentsRepresentative } from './residents.fixtures';

// `npm run community:rotate-key` against a running service: every row moves to the new key in batches,
// the service reads throughout (its ring holds both keys), a row another transaction holds is skipped
// and picked up by the next run, and a run with nothing to do changes nothing.
const ROOT = join(__dirname, '..', '..', '..');
const [OLD, NEW, LOOKUP] = [randomBytes(32), randomBytes(32), randomBytes(32)].map((key) => key.toString('base64'));
const RING = `old:${OLD},new:${NEW}`;
const serviceKeys = { COMMUNITY_DATA_KEYS: RING, COMMUNITY_DATA_KEY_ID: 'old', COMMUNITY_LOOKUP_KEY: LOOKUP };
let svc: CommunityUnderTest;

interface StoredRow {
  resident_id: string;
  key_id: string;
  name_ct: Buffer;
  address_ct: Buffer;
  updated_at: Date;
}

const rows = () =>
  svc.query<StoredRow>(
    `SELECT resident_id, key_id, name_ct, address_ct, updated_at FROM "${svc.schema}".resident ORDER BY resident_id`,
  );

/** The script as an operator runs it, the new key active; its exit code and output. */
function rotateKey(): Promise<{ code: number; stdout: string; stderr: string }> {
  const env = { ...process.env, ...serviceKeys, COMMUNITY_DATA_KEY_ID: 'new' };
  const args = [
    '-r',
    '@swc-node/register',
    'apps/community/scripts/rotate-key.ts',
    '--schema',
    svc.schema,
    '--batch',
    '2',
  ];
  return new Promise((resolve) => {
    execFile(process.execPath, args, { cwd: ROOT, env }, (error, stdout, stderr) =>
      resolve({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr }),
    );
  });
}

beforeAll(async () => {
  svc = await startCommunityUnderTest({ env: serviceKeys });
  await registerCommunities(svc, [COMMUNITY]);
}, 60_000);

afterAll(async () => svc?.close());

it('moves every row to the new key, skipping held rows until the next run, and reads keep working', async () => {
  const bodies = [1, 2, 3, 4, 5].map((n) => residentBody(100 + n));
  const ids: string[] = [];
  for (const body of bodies) ids.push(await registerResident(svc, body));
  const before = await rows();
  expect(before.map((row) => row.key_id)).toEqual(['old', 'old', 'old', 'old', 'old']);

  // A correction in flight holds one row: the rotation skips it rather than wait or overwrite it.
  const held = svc.app.get<DataSource>(getDataSourceToken()).createQueryRunner();
  await held.connect();
  await held.startTransaction();
  await held.query(`SELECT 1 FROM "${svc.schema}".resident WHERE resident_id = $1 FOR UPDATE`, [
    before[0]!.resident_id,
  ]);
  const partial = await rotateKey();
  await held.rollbackTransaction();
  await held.release();
  expect(partial.stdout).toContain('4 rows re-encrypted under new in 2 batches');
  expect(partial.stdout).toContain('1 remain under another key');
  expect(partial.code).toBe(1);

  const finished = await rotateKey();
  expect(finished.stdout).toContain('1 rows re-encrypted under new in 1 batches');
  expect(finished.code).toBe(0);
  const after = await rows();
  expect(after.map((row) => row.key_id)).toEqual(['new', 'new', 'new', 'new', 'new']);
  after.forEach((row, index) => expect(row.name_ct.equals(before[index]!.name_ct)).toBe(false));

  const vault = svc.app.get(ResidentVault);
  for (const [index, residentId] of ids.entries()) {
    expect(await vault.reveal(residentId, PERSONAL_FIELDS)).toEqual(bodies[index]);
  }
  const found = await call(svc, 'POST', `/communities/${COMMUNITY}/residents/lookup`, residentsRepresentative(), {
    idNumber: bodies[2]!.idNumber,
  });
  expect(found.body).toEqual({ residentIds: [ids[2]] });
}, 60_000);

it('changes nothing when run again', async () => {
  const before = await rows();
  const again = await rotateKey();
  expect(again.stdout).toContain('0 rows re-encrypted under new in 0 batches');
  expect(again.code).toBe(0);
  const after = await rows();
  after.forEach((row, index) => {
    expect(row.name_ct.equals(before[index]!.name_ct)).toBe(true);
    expect(row.address_ct.equals(before[index]!.address_ct)).toBe(true);
    expect(row.updated_at.getTime()).toBe(before[index]!.updated_at.getTime());
  });
}, 60_000);
