import { bearer } from '@sanshe/testing';
import { RepresentativeRoster } from '../src/representatives/domain/representative.repository';
import { type CommunityUnderTest, startCommunityUnderTest } from './community-test-app';

/**
 * Representatives on the real PostgreSQL: appointed and removed by the street's or district's
 * area-admin only, one body per person per community (also under concurrent appointments), one event
 * per change, and nothing written on refusal.
 */
const CODE = '310104-005-001';
let community: CommunityUnderTest;
let streetAdmin: string;
let committeeMember: string;
let committeeStaff: string;
let otherStreetAdmin: string;

const call = async (method: string, path: string, token: string | null, body?: unknown) => {
  const response = await fetch(`${community.baseUrl}${path}`, {
    method,
    headers: { 'content-type': 'application/json', ...(token ? bearer(token) : {}) },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
};
const appointment = (personSub: string, body: 'committee' | 'residents' = 'residents') => ({
  body,
  personSub,
  title: body === 'committee' ? '居委会委员' : '居民代表',
  termFrom: '2026-01-01',
});
const counts = async () =>
  community.query(
    `SELECT (SELECT count(*) FROM "${community.schema}".representative) AS reps,
            (SELECT count(*) FROM "${community.schema}".outbox) AS events`,
  );

beforeAll(async () => {
  community = await startCommunityUnderTest();
  const admin = await community.token({ sub: 'xh-admin', parties: ['jurisdiction:310104'], roles: ['area-admin'] });
  const area = { name: '新华', population: 1, serviceArea: { description: '新华路' } };
  for (const path of ['/districts/310104', '/streets/310104-005', `/communities/${CODE}`]) {
    expect((await call('PUT', path, admin, area)).status).toBe(201);
  }
  streetAdmin = await community.token({ sub: 'st-admin', parties: ['jurisdiction:310104-005'], roles: ['area-admin'] });
  otherStreetAdmin = await community.token({
    sub: 'other-admin',
    parties: ['jurisdiction:310104-006'],
    roles: ['area-admin'],
  });
  committeeMember = await community.token({
    sub: 'li-na',
    parties: [`community:${CODE}`],
    roles: ['committee-member'],
  });
  committeeStaff = await community.token({ sub: 'staff', parties: [`community:${CODE}`], roles: ['committee-staff'] });
}, 60_000);
afterAll(() => community?.close());

describe('representatives', () => {
  it('appoints with one event, lists the seat and the roster knows it', async () => {
    const appointed = await call('POST', `/communities/${CODE}/representatives`, streetAdmin, appointment('wang-fang'));
    expect(appointed.status).toBe(201);
    const id = appointed.body.representativeId as string;
    expect((await community.outboxOf(id)).map((e) => e.type)).toEqual(['sanshe.community.representative.appointed.v1']);
    const listed = await call('GET', `/communities/${CODE}/representatives`, committeeStaff);
    expect(listed.body).toMatchObject([{ representativeId: id, body: 'residents', status: 'active' }]);
    const roster = community.app.get(RepresentativeRoster);
    expect(await roster.isActive(CODE, 'residents', 'wang-fang')).toBe(true);
    expect(await roster.isActive(CODE, 'committee', 'wang-fang')).toBe(false);
  });

  it('refuses a second seat for one person with 409 already-represents naming the body', async () => {
    const before = await counts();
    const second = await call(
      'POST',
      `/communities/${CODE}/representatives`,
      streetAdmin,
      appointment('wang-fang', 'committee'),
    );
    expect(second.status).toBe(409);
    expect(second.body).toMatchObject({ code: 'already-represents', body: 'residents' });
    expect(await counts()).toEqual(before);
  });

  it('lets exactly one of two concurrent appointments of one person through', async () => {
    const results = await Promise.all(
      (['committee', 'residents'] as const).map((body) =>
        call('POST', `/communities/${CODE}/representatives`, streetAdmin, appointment('zhao-lei', body)),
      ),
    );
    expect(results.map((r) => r.status).sort()).toEqual([201, 409]);
  });

  it('refuses the committee, its staff, another street, no token, bad input and unknown ids, writing nothing', async () => {
    const before = await counts();
    const path = `/communities/${CODE}/representatives`;
    expect((await call('POST', path, committeeMember, appointment('a-1'))).status).toBe(403);
    expect((await call('POST', path, committeeStaff, appointment('a-1'))).status).toBe(403);
    expect((await call('POST', path, otherStreetAdmin, appointment('a-1'))).status).toBe(403);
    expect((await call('POST', path, null, appointment('a-1'))).status).toBe(401);
    const bad = await call('POST', path, streetAdmin, { ...appointment('a-1'), body: 'council' });
    expect(bad.status).toBe(400);
    expect(bad.body).toMatchObject({ problems: [{ path: '/body/body' }] });
    const unknown = await call('POST', path, streetAdmin, { ...appointment('a-1'), colour: 'blue' });
    expect(unknown).toMatchObject({ status: 400, body: { problems: [{ path: '/body/colour' }] } });
    // Both dates well formed, the rule between them broken: 422 as documented (was 400).
    const backwards = await call('POST', path, streetAdmin, { ...appointment('a-1'), termTo: '2025-01-01' });
    expect(backwards).toMatchObject({ status: 422, body: { problems: [{ path: '/body/termTo' }] } });
    expect(
      (await call('POST', '/communities/310104-005-099/representatives', streetAdmin, appointment('a-1'))).status,
    ).toBe(404);
    expect((await call('DELETE', `${path}/rep-nope`, streetAdmin)).status).toBe(404);
    expect(await counts()).toEqual(before);
  });

  it('removes once with one event; the person may then sit in the other body', async () => {
    const appointed = await call('POST', `/communities/${CODE}/representatives`, streetAdmin, appointment('chen-jie'));
    const id = appointed.body.representativeId as string;
    const path = `/communities/${CODE}/representatives/${id}`;
    expect((await call('DELETE', `${path}?reason=fired`, streetAdmin)).status).toBe(400);
    expect((await call('DELETE', path, committeeMember)).status).toBe(403);
    expect((await call('DELETE', `${path}?reason=resigned`, streetAdmin)).body).toMatchObject({ status: 'ended' });
    expect((await call('DELETE', path, streetAdmin)).status).toBe(409);
    expect((await community.outboxOf(id)).map((e) => e.type)).toEqual([
      'sanshe.community.representative.appointed.v1',
      'sanshe.community.representative.removed.v1',
    ]);
    const again = await call(
      'POST',
      `/communities/${CODE}/representatives`,
      streetAdmin,
      appointment('chen-jie', 'committee'),
    );
    expect(again.status).toBe(201);
  });
});
