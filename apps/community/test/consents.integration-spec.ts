import { randomBytes } from 'node:crypto';
import { bearer } from '@sanshe/testing';
import { ConsentLedger } from '../src/consents/domain/consent-ledger';
import { type CommunityUnderTest, startCommunityUnderTest } from './community-test-app';

/**
 * Residents' consents on the real PostgreSQL: recorded through a serving residents' representative or a
 * residents' portal (never the committee), kept as history, the latest per purpose (and organization)
 * counting at once for the ledger data access asks; every refusal (400, 403, 404) writes nothing.
 */
const CODE = '310104-005-001';
const OTHER = '310104-005-002';
let community: CommunityUnderTest;
const tokens: Record<string, string> = {};

const call = async (method: string, path: string, token: string, body?: unknown) => {
  const response = await fetch(`${community.baseUrl}${path}`, {
    method,
    headers: { 'content-type': 'application/json', ...bearer(token) },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
};
const consent = (residentId: string, token: string, body: unknown) =>
  call('POST', `/residents/${residentId}/consents`, token, body);
const recordsOf = async (residentId: string) =>
  Number(
    (
      await community.query<{ n: string }>(
        `SELECT count(*) AS n FROM "${community.schema}".consent_record WHERE resident_id = $1`,
        [residentId],
      )
    )[0]?.n,
  );
const ledger = () => community.app.get(ConsentLedger);

const BASE32 = 'abcdefghijklmnopqrstuvwxyz234567';
/** A resident in the register, written directly: these tests are about consents, not the register's cipher. */
async function registerResident(communityCode = CODE): Promise<string> {
  const residentId = `rp-${[...randomBytes(24)].map((byte) => BASE32[byte % 32]).join('')}`;
  const bytes = () => randomBytes(32);
  await community.query(
    `INSERT INTO "${community.schema}".resident (resident_id, community_code, key_id, name_ct, phone_ct,
       id_number_ct, address_ct, phone_hmac, id_number_hmac, created_by)
     VALUES ($1, $2, 'k1', $3, $4, $5, $6, $7, $8, 'test')`,
    [residentId, communityCode, bytes(), bytes(), bytes(), bytes(), bytes(), bytes()],
  );
  return residentId;
}

beforeAll(async () => {
  community = await startCommunityUnderTest();
  const admin = await community.token({ sub: 'xh-admin', parties: ['jurisdiction:310104'], roles: ['area-admin'] });
  const area = { name: '新华', population: 1, serviceArea: { description: '新华路' } };
  for (const path of ['/districts/310104', '/streets/310104-005', `/communities/${CODE}`, `/communities/${OTHER}`]) {
    expect((await call('PUT', path, admin, area)).status).toBe(201);
  }
  for (const [personSub, body] of [
    ['li-na', 'committee'],
    ['wang-fang', 'residents'],
  ]) {
    const appointed = await call('POST', `/communities/${CODE}/representatives`, admin, {
      body,
      personSub,
      title: '代表',
      termFrom: '2026-01-01',
    });
    expect(appointed.status).toBe(201);
  }
  const residents = [`residents:${CODE}`];
  const issue = async (name: string, sub: string, roles: string[], parties: string[]) => {
    tokens[name] = await community.token({ sub, roles, parties });
  };
  await issue('rep', 'wang-fang', ['residents-representative'], residents);
  await issue('repNotOnRoster', 'ghost', ['residents-representative'], residents);
  await issue('portal', 'portal-xinhua', ['residents-portal'], residents);
  await issue('otherPortal', 'portal-other', ['residents-portal'], [`residents:${OTHER}`]);
  await issue('member', 'li-na', ['committee-member'], [`community:${CODE}`, ...residents]);
  await issue('staff', 'zhou', ['committee-staff'], [`community:${CODE}`]);
  await issue('auditor', 'audit-1', ['auditor'], []);
  await issue('orgStaff', 'org-staff-1', ['organization-staff'], ['organization:org-1']);
}, 60_000);
afterAll(async () => community?.close());

describe('residents’ consents', () => {
  it('keeps the history; withdrawal counts at once, and a new grant after it too', async () => {
    const residentId = await registerResident();
    const purpose = 'activity-participation';
    const granted = await consent(residentId, tokens.rep as string, { purpose, decision: 'granted' });
    expect(granted.status).toBe(201);
    expect(granted.body).toMatchObject({
      purpose,
      decision: 'granted',
      recordedBy: 'wang-fang',
      recordedVia: 'representative',
    });
    expect(await ledger().consenting([residentId], purpose, null, new Date())).toEqual(new Set([residentId]));

    expect((await consent(residentId, tokens.portal as string, { purpose, decision: 'withdrawn' })).status).toBe(201);
    expect(await ledger().consenting([residentId], purpose, null, new Date())).toEqual(new Set());
    expect((await consent(residentId, tokens.portal as string, { purpose, decision: 'granted' })).status).toBe(201);
    expect(await ledger().consenting([residentId], purpose, null, new Date())).toEqual(new Set([residentId]));

    const read = await call('GET', `/residents/${residentId}/consents`, tokens.rep as string);
    expect(read.status).toBe(200);
    const history = read.body.history as { decision: string; recordedVia: string }[];
    expect(history.map((r) => [r.decision, r.recordedVia])).toEqual([
      ['granted', 'representative'],
      ['withdrawn', 'portal'],
      ['granted', 'portal'],
    ]);
    expect(read.body.current).toEqual([
      expect.objectContaining({ purpose, decision: 'granted', recordedVia: 'portal' }),
    ]);
    expect(read.body).toMatchObject({ residentId, communityCode: CODE });
  });

  it('scopes organization-contact to the organization named, and keeps purposes apart', async () => {
    const [a, b] = [await registerResident(), await registerResident()];
    const contact = (organizationId: string, decision: string) => ({
      purpose: 'organization-contact',
      organizationId,
      activityId: 'act-1',
      decision,
    });
    expect((await consent(a, tokens.portal as string, contact('org-1', 'granted'))).status).toBe(201);
    expect((await consent(b, tokens.portal as string, contact('org-2', 'granted'))).status).toBe(201);
    expect((await consent(b, tokens.portal as string, contact('org-1', 'withdrawn'))).status).toBe(201);
    const now = new Date();
    expect(await ledger().consenting([a, b], 'organization-contact', 'org-1', now)).toEqual(new Set([a]));
    expect(await ledger().consenting([a, b], 'organization-contact', 'org-2', now)).toEqual(new Set([b]));
    expect(await ledger().consenting([a, b], 'aggregate-research', null, now)).toEqual(new Set());
    // `at` before the grants: nobody had consented yet.
    expect(await ledger().consenting([a, b], 'organization-contact', 'org-1', new Date(0))).toEqual(new Set());
  });

  it('refuses the committee, a representative not on the roster, another community’s portal and others (403), writing nothing', async () => {
    const residentId = await registerResident();
    const body = { purpose: 'aggregate-research', decision: 'granted' };
    for (const name of ['member', 'staff', 'repNotOnRoster', 'otherPortal', 'auditor', 'orgStaff']) {
      const refused = await consent(residentId, tokens[name] as string, body);
      expect([name, refused.status]).toEqual([name, 403]);
    }
    expect(await recordsOf(residentId)).toBe(0);
    for (const name of ['member', 'staff', 'repNotOnRoster', 'otherPortal', 'orgStaff']) {
      const refused = await call('GET', `/residents/${residentId}/consents`, tokens[name] as string);
      expect([name, refused.status]).toEqual([name, 403]);
    }
    const audited = await call('GET', `/residents/${residentId}/consents`, tokens.auditor as string);
    expect(audited).toMatchObject({ status: 200, body: { history: [], current: [] } });
  });

  it('answers bad input with 400 naming the field and an unknown resident with 404, writing nothing', async () => {
    const residentId = await registerResident();
    const portal = tokens.portal as string;
    const problemPaths = async (body: unknown, id = residentId) => {
      const refused = await consent(id, portal, body);
      expect(refused.status).toBe(400);
      return (refused.body.problems as { path: string }[]).map((problem) => problem.path);
    };
    expect(await problemPaths({ purpose: 'marketing', decision: 'granted' })).toEqual(['/purpose']);
    expect(await problemPaths({ purpose: 'organization-contact', decision: 'granted' })).toEqual(['/organizationId']);
    expect(await problemPaths({ purpose: 'aggregate-research', decision: 'granted', organizationId: 'org-1' })).toEqual(
      ['/organizationId'],
    );
    expect(await problemPaths({ purpose: 'aggregate-research', decision: 'maybe' })).toEqual(['/decision']);
    expect(await problemPaths({ purpose: 'aggregate-research', decision: 'granted' }, 'RP-NOT-AN-ID')).toEqual([
      '/params/residentId',
    ]);
    expect(await recordsOf(residentId)).toBe(0);

    const unknown = 'rp-aaaaaaaaaaaaaaaaaaaaaaaa';
    const missing = await consent(unknown, portal, { purpose: 'aggregate-research', decision: 'granted' });
    expect(missing).toMatchObject({ status: 404, body: { code: 'resident-not-found' } });
    expect((await call('GET', `/residents/${unknown}/consents`, portal)).status).toBe(404);
    expect(await recordsOf(unknown)).toBe(0);
  });

  it('never changes a record: UPDATE and DELETE through the service’s connection fail', async () => {
    const residentId = await registerResident();
    expect(
      (await consent(residentId, tokens.portal as string, { purpose: 'aggregate-research', decision: 'granted' }))
        .status,
    ).toBe(201);
    const table = `"${community.schema}".consent_record`;
    await expect(
      community.query(`UPDATE ${table} SET decision = 'withdrawn' WHERE resident_id = $1`, [residentId]),
    ).rejects.toThrow(/append-only/);
    await expect(community.query(`DELETE FROM ${table} WHERE resident_id = $1`, [residentId])).rejects.toThrow(
      /append-only/,
    );
    expect(await recordsOf(residentId)).toBe(1);
  });
});
