import { bearer } from '@sanshe/testing';
import { type CommunityUnderTest, startCommunityUnderTest } from './community-test-app';

/**
 * The administrative hierarchy over HTTP on the real PostgreSQL: one event per change (none for an
 * unchanged PUT), and every refusal (400, 401, 403, 404) writes nothing.
 */
let community: CommunityUnderTest;
let operator: string;
let districtAdmin: string;
let otherDistrictAdmin: string;
let committee: string;

const serviceArea = { areaKm2: 1.83, description: '东至华山路，西至凯旋路' };
const district = { name: '徐汇区', population: 1_113_000, serviceArea };
const street = { name: '新华路街道', population: 37_900, serviceArea };
const put = (path: string, token: string | null, body: unknown) =>
  fetch(`${community.baseUrl}${path}`, {
    method: 'PUT',
    headers: { 'content-type': 'application/json', ...(token ? bearer(token) : {}) },
    body: JSON.stringify(body),
  });
const get = async (path: string, token: string) => {
  const response = await fetch(`${community.baseUrl}${path}`, { headers: bearer(token) });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
};
const areaRows = () => community.query(`SELECT code FROM "${community.schema}".administrative_area ORDER BY code`);
const outboxCount = async () =>
  Number((await community.query<{ n: string }>(`SELECT count(*) AS n FROM "${community.schema}".outbox`))[0]?.n);

beforeAll(async () => {
  community = await startCommunityUnderTest();
  operator = await community.token({ sub: 'op-1', parties: [], roles: ['operator'] });
  districtAdmin = await community.token({ sub: 'xh-admin', parties: ['jurisdiction:310104'], roles: ['area-admin'] });
  otherDistrictAdmin = await community.token({
    sub: 'ch-admin',
    parties: ['jurisdiction:310105'],
    roles: ['area-admin'],
  });
  committee = await community.token({
    sub: 'cm-1',
    parties: ['community:310104-005-001'],
    roles: ['committee-member'],
  });
}, 60_000);
afterAll(() => community?.close());

describe('the administrative hierarchy', () => {
  it('registers a district (201), publishes one event, and an unchanged PUT (200) publishes none', async () => {
    expect((await put('/districts/310104', operator, district)).status).toBe(201);
    const repeat = await put('/districts/310104', districtAdmin, district);
    expect(repeat.status).toBe(200);
    expect(await repeat.json()).toMatchObject({ code: '310104', level: 'district', revision: 1 });
    const events = await community.outboxOf('310104');
    expect(events.map((e) => [e.type, e.id])).toEqual([
      ['sanshe.community.district.registered.v1', 'sanshe.community.district.registered.v1:310104:1'],
    ]);
  });

  it('registers a street under its district, and a change is one updated event at the next revision', async () => {
    expect((await put('/streets/310104-005', districtAdmin, street)).status).toBe(201);
    const changed = await put('/streets/310104-005', districtAdmin, { ...street, population: 38_240 });
    expect(changed.status).toBe(200);
    expect(await changed.json()).toMatchObject({ revision: 2, population: 38_240, parentCode: '310104' });
    const events = await community.outboxOf('310104-005');
    expect(events.map((e) => e.type)).toEqual([
      'sanshe.community.street.registered.v1',
      'sanshe.community.street.updated.v1',
    ]);
    expect(events[1]?.data).toMatchObject({ streetCode: '310104-005', districtCode: '310104', revision: 2 });
    expect((await get('/streets?districtCode=310104', committee)).body).toMatchObject([{ code: '310104-005' }]);
  });

  it('registers a community and lists it under its street for any token', async () => {
    const body = { ...street, name: '新华居民区', population: 4_260, households: 1_870 };
    expect((await put('/communities/310104-005-001', districtAdmin, body)).status).toBe(201);
    expect((await get('/communities/310104-005-001', committee)).body).toMatchObject({
      code: '310104-005-001',
      parentCode: '310104-005',
      households: 1_870,
    });
    expect((await get('/communities?streetCode=310104-005', committee)).body).toHaveLength(1);
    expect((await get('/districts', committee)).body).toMatchObject([{ code: '310104' }]);
  });

  it('refuses, writing nothing: malformed code or body (400), no token (401), wrong role or area (403), unknown parent (404)', async () => {
    const [areasBefore, eventsBefore] = [await areaRows(), await outboxCount()];
    const badCode = await put('/communities/310104-5-1', districtAdmin, street);
    expect(badCode.status).toBe(400);
    expect(await badCode.json()).toMatchObject({ problems: [{ path: '/params/communityCode' }] });
    const badBody = await put('/streets/310104-006', districtAdmin, { ...street, population: -1 });
    expect(badBody.status).toBe(400);
    expect(await badBody.json()).toMatchObject({ problems: [{ path: '/body/population' }] });
    // Past the table's integer: was a 500 (found by npm run fuzz).
    const huge = await put('/streets/310104-006', districtAdmin, { ...street, population: 17_592_186_044_417 });
    expect(await huge.json()).toMatchObject({ statusCode: 400, problems: [{ path: '/body/population' }] });
    expect((await put('/streets/310104-006', null, street)).status).toBe(401);
    expect((await put('/streets/310104-006', otherDistrictAdmin, street)).status).toBe(403);
    expect((await put('/streets/310104-006', committee, street)).status).toBe(403);
    expect((await put('/streets/310104-006', operator, street)).status).toBe(403);
    const orphan = await put('/communities/310104-009-001', districtAdmin, street);
    expect(orphan.status).toBe(404);
    expect((await orphan.json()) as { message: string }).toMatchObject({
      message: expect.stringContaining('310104-009'),
    });
    expect(await areaRows()).toEqual(areasBefore);
    expect(await outboxCount()).toBe(eventsBefore);
    expect((await get('/streets/310104-006', committee)).status).toBe(404);
  });
});
