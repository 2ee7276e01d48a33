import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { getDataSourceToken } from '@nestjs/typeorm';
import type { JWK } from 'jose';
import type { DataSource } from 'typeorm';
import { devKeyFiles, ensureDevKeyPair, signToken } from '@sanshe/auth';
import { localStateDir } from '@sanshe/config';
import { migrate } from '@sanshe/persistence';
import {
  bearer,
  devToken,
  DISTRICT_POLICY_ADMIN,
  type ServiceUnderTest,
  startServiceUnderTest,
  uniqueName,
} from '@sanshe/testing';
import { DISTRICT_DEFAULT_POLICIES_V3 } from '../migrations/1795737600006-rebalance-district-defaults';
import { migrations } from '../migrations';
import { policiesTestApp, serviceConfig } from './policies-test-app';

// Who may set a policy, on the real guard, PostgreSQL and migrations: every refusal changes nothing.
const schema = uniqueName('governance_auth').replace(/-/g, '_');
const STREET = '310104-005';
const COMMUNITY = `${STREET}-001`;
/** The rebalanced district-wide default, moved to one community: a valid policy the tests try to store. */
const communityPolicy = {
  ...DISTRICT_DEFAULT_POLICIES_V3[0]!,
  policyId: `activity-proposal.${COMMUNITY}.auth`,
  communityCode: COMMUNITY,
};
const admin = (parties: string[], roles = ['policy-admin']) => ({ sub: 'clerk-7', parties, roles });

let svc: ServiceUnderTest;
let devKey: JWK;

const putPolicy = async (headers: Record<string, string>, body: unknown = communityPolicy) => {
  const response = await fetch(`${svc.baseUrl}/policies/${communityPolicy.policyId}`, {
    method: 'PUT',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
  });
  return { status: response.status, body: (await response.json()) as { message: string }, response };
};
const storedVersions = async () =>
  (
    await svc.app
      .get<DataSource>(getDataSourceToken())
      .query<{ n: string }[]>(`SELECT count(*) AS n FROM "${schema}".decision_policy WHERE policy_id = $1`, [
        communityPolicy.policyId,
      ])
  )[0]!.n;

beforeAll(async () => {
  await migrate({ url: serviceConfig.DATABASE_URL, schema, migrations });
  svc = await startServiceUnderTest('governance', policiesTestApp(schema));
  const stateDir = localStateDir(process.env);
  await ensureDevKeyPair(stateDir);
  devKey = JSON.parse(readFileSync(devKeyFiles(stateDir).privateJwk, 'utf8')) as JWK;
});

afterAll(async () => {
  if (!svc) return;
  await svc.app.get<DataSource>(getDataSourceToken()).query(`DROP SCHEMA "${schema}" CASCADE`);
  await svc.close();
});

describe('who may set a decision policy (bearer tokens on the real guard)', () => {
  it('refuses a request without a token with 401 and a Bearer challenge, storing nothing', async () => {
    const reply = await putPolicy({});
    expect(reply.status).toBe(401);
    expect(reply.response.headers.get('www-authenticate')).toBe('Bearer');
    expect(reply.body.message).toMatch(/bearer token is required/);
    expect((await fetch(`${svc.baseUrl}/policies`)).status).toBe(401); // reading needs a token too
    expect(await storedVersions()).toBe('0');
  });

  it.each([
    ['an expired', { issuedAt: new Date(Date.now() - 7_200_000), ttlSeconds: 600 }, /expired/],
    ['a future-dated', { issuedAt: new Date(Date.now() + 3_600_000) }, /issued in the future/],
  ])('refuses %s token with 401, storing nothing', async (_what, timing, reason) => {
    const token = await signToken(devKey, {
      ...DISTRICT_POLICY_ADMIN,
      parties: [...DISTRICT_POLICY_ADMIN.parties],
      roles: ['policy-admin'],
      ...timing,
    });
    const reply = await putPolicy(bearer(token));
    expect(reply.status).toBe(401);
    expect(reply.body.message).toMatch(reason);
    expect(reply.response.headers.get('www-authenticate')).toMatch(/^Bearer error="invalid_token"/);
    expect(await storedVersions()).toBe('0');
  });

  it('refuses a token signed by another key under the trusted key id with 401, storing nothing', async () => {
    const otherDir = mkdtempSync(join(tmpdir(), 'sanshe-forger-'));
    await ensureDevKeyPair(otherDir);
    const forgerKey = JSON.parse(readFileSync(devKeyFiles(otherDir).privateJwk, 'utf8')) as JWK;
    const forged = await signToken({ ...forgerKey, kid: devKey.kid }, admin(['jurisdiction:310104']));
    const reply = await putPolicy(bearer(forged));
    expect(reply.status).toBe(401);
    expect(reply.body.message).toMatch(/signature/);
    expect(await storedVersions()).toBe('0');
  });

  it('refuses the wrong role, and the right role for another jurisdiction, with 403, storing nothing', async () => {
    const staff = await putPolicy(bearer(await devToken(admin(['jurisdiction:310104'], ['staff']))));
    expect(staff.status).toBe(403);
    expect(staff.body.message).toMatch(/needs the role policy-admin/);
    const otherStreet = await putPolicy(bearer(await devToken(admin(['jurisdiction:310104-006']))));
    expect(otherStreet.status).toBe(403);
    expect(otherStreet.body.message).toMatch(
      `for jurisdiction:${COMMUNITY} or jurisdiction:${STREET} or jurisdiction:310104`,
    );
    const community = await putPolicy(bearer(await devToken(admin([`community:${COMMUNITY}`]))));
    expect(community.status).toBe(403); // the community itself is a party, not the policy's administrator
    expect(await storedVersions()).toBe('0');
  });

  it("lets the street's policy administrator set it, and records who did", async () => {
    const reply = await putPolicy(bearer(await devToken(admin([`jurisdiction:${STREET}`]))));
    expect(reply.status).toBe(201);
    expect(reply.body).toMatchObject({ version: 1, createdBy: 'clerk-7' });
    expect(await storedVersions()).toBe('1');
  });
});
