import type { SansheEvent } from '@sanshe/contracts';
import { type CommunityUnderTest, startCommunityUnderTest } from './community-test-app';
import {
  auditor,
  committeeStaff,
  contactConsent,
  dataAccessDecided,
  logOf,
  person,
  type Person,
  register,
  residentsRepresentative,
} from './data-access.fixtures';
import {
  applied,
  call,
  COMMUNITY,
  committeeMember,
  newId,
  organizationStaff,
  OTHER_COMMUNITY,
  proposalDecided,
  proposalSubmitted,
  published,
  registerCommunities,
} from './needs.fixtures';

// Data access on the real PostgreSQL and Kafka: only governance's approved decided grants, a grant covers
// only consenting residents and only the granted fields, every read attempt is logged, and the log
// cannot be altered through the service's own role.
let svc: CommunityUnderTest;

const ORG = 'org-xinhua';
const GRANTED = 'sanshe.community.data-access.granted.v1';
const REFUSED = 'sanshe.community.data-access.refused.v1';
let proposalId: string;
const people: Record<'ming' | 'hua' | 'qiang', Person> = {
  ming: person('张明'),
  hua: person('李华'),
  qiang: person('王强'),
};
const ids = {} as Record<keyof typeof people, string>;

interface RequestReply {
  requestId: string;
  status: string;
  grant: { grantId: string; residentsCovered: number; fields: string[] } | null;
}

const requestBody = (overrides: Record<string, unknown> = {}) => ({
  proposalId,
  activityId: 'act-lunch-visits',
  consentPurpose: 'organization-contact',
  purpose: '联系参加助餐活动的居民，确认送餐时间',
  fields: ['name', 'phone'],
  residentIds: [ids.ming, ids.hua, ids.qiang],
  durationDays: 30,
  ...overrides,
});
const fileRequest = async (overrides: Record<string, unknown> = {}) => {
  const reply = await call<RequestReply>(
    svc,
    'POST',
    '/data-access-requests',
    organizationStaff(ORG),
    requestBody(overrides),
  );
  expect(reply.status).toBe(201);
  return reply.body.requestId;
};
const requestOf = async (requestId: string) =>
  (await call<RequestReply>(svc, 'GET', `/data-access-requests/${requestId}`, organizationStaff(ORG))).body;
const decide = async (requestId: string, result: 'approved' | 'rejected', id?: string) =>
  applied(svc, await dataAccessDecided(svc, { requestId, result, ...(id ? { id } : {}) }));
const readAs = (identity: Parameters<typeof call>[3], grantId: string, residentId: string) =>
  call<{ code?: string; residentId?: string; fields?: Record<string, string> }>(
    svc,
    'GET',
    `/data-access-grants/${grantId}/residents/${residentId}`,
    identity,
  );
const count = async (table: string) =>
  Number((await svc.query<{ n: string }>(`SELECT count(*) AS n FROM "${svc.schema}".${table}`))[0]!.n);

/** A request approved by governance, with its grant: covering ming and hua, who consent; not qiang. */
async function grantedRequest(): Promise<{ requestId: string; grantId: string }> {
  const requestId = await fileRequest();
  await decide(requestId, 'approved');
  const { grant } = await requestOf(requestId);
  return { requestId, grantId: grant!.grantId };
}

beforeAll(async () => {
  svc = await startCommunityUnderTest();
  await registerCommunities(svc, [COMMUNITY, OTHER_COMMUNITY]);
  proposalId = newId('prop');
  await applied(svc, await proposalSubmitted(svc, { proposalId, organizationId: ORG }));
  await applied(svc, await proposalDecided(svc, { proposalId, result: 'approved' }));
  for (const key of Object.keys(people) as (keyof typeof people)[]) ids[key] = await register(svc, people[key]);
  await contactConsent(svc, ids.ming, ORG, 'granted');
  await contactConsent(svc, ids.hua, ORG, 'granted');
  await contactConsent(svc, ids.qiang, 'org-other', 'granted'); // consent to another organization only
}, 90_000);

afterAll(async () => svc?.close());

describe('filing a request', () => {
  it('stores it as requested and publishes data-access.requested with counts, never resident ids', async () => {
    const requestId = await fileRequest();
    const [event] = await published(svc, requestId, 'sanshe.community.data-access.requested.v1');
    expect(event!.data).toMatchObject({
      requestId,
      communityCode: COMMUNITY,
      requesterId: `organization:${ORG}`,
      dataset: 'activity-participants',
      activityId: 'act-lunch-visits',
      fields: ['name', 'phone'],
      consentPurpose: 'organization-contact',
      residentCount: 3,
    });
    const wire = JSON.stringify(event);
    for (const residentId of Object.values(ids)) expect(wire).not.toContain(residentId);
    const body = await requestOf(requestId);
    expect(body).toMatchObject({ status: 'requested', grant: null, residentCount: 3 });
    expect(body).not.toHaveProperty('residentIds');
  });

  it.each([
    [
      'a resident of another community',
      () => ({ residentIds: [ids.ming, 'rp-aaaaaaaaaaaaaaaaaaaaaaaa'] }),
      '/residentIds/1',
    ],
    ['a field not in the list', () => ({ fields: ['name', 'income'] }), '/fields/1'],
    ['a purpose not in the list', () => ({ consentPurpose: 'marketing' }), '/consentPurpose'],
    ['a duration over a year', () => ({ durationDays: 366 }), '/durationDays'],
  ])('refuses %s with 400 naming the field, writing nothing', async (_what, overrides, path) => {
    const before = [await count('data_access_request'), await count('outbox')];
    const reply = await call<{ problems: { path: string }[] }>(
      svc,
      'POST',
      '/data-access-requests',
      organizationStaff(ORG),
      requestBody(overrides()),
    );
    expect(reply.status).toBe(400);
    expect(reply.body.problems.map((p) => p.path)).toContain(path);
    expect([await count('data_access_request'), await count('outbox')]).toEqual(before);
  });

  it('refuses an unknown proposal (404), an undecided one (409), another organization and the committee (403)', async () => {
    const before = await count('data_access_request');
    const post = (identity: Parameters<typeof call>[3], body: unknown) =>
      call(svc, 'POST', '/data-access-requests', identity, body);
    expect((await post(organizationStaff(ORG), requestBody({ proposalId: 'prop-unknown' }))).status).toBe(404);
    const undecided = newId('prop');
    await applied(svc, await proposalSubmitted(svc, { proposalId: undecided, organizationId: ORG }));
    const pending = await post(organizationStaff(ORG), requestBody({ proposalId: undecided }));
    expect(pending).toMatchObject({ status: 409, body: { code: 'proposal-not-approved' } });
    expect((await post(organizationStaff('org-other'), requestBody())).status).toBe(403);
    expect((await post(committeeMember(), requestBody())).status).toBe(403);
    expect(await count('data_access_request')).toBe(before);
  });
});

describe('reading a request', () => {
  it('shows it to the requester’s staff, the community’s committee and auditors, not to others', async () => {
    const requestId = await fileRequest();
    const get = (identity: Parameters<typeof call>[3]) =>
      call(svc, 'GET', `/data-access-requests/${requestId}`, identity);
    for (const identity of [organizationStaff(ORG), committeeMember(), committeeStaff(), auditor]) {
      expect(await get(identity)).toMatchObject({ status: 200, body: { requestId, status: 'requested' } });
    }
    for (const identity of [
      organizationStaff('org-other'),
      committeeMember(OTHER_COMMUNITY),
      residentsRepresentative(),
    ]) {
      expect((await get(identity)).status).toBe(403);
    }
    expect((await call(svc, 'GET', '/data-access-requests/dar-unknown', auditor)).status).toBe(404);
  });
});

describe('grants come from governance’s decision only', () => {
  it('approved → a grant of only the consenting residents, once, however often decided arrives', async () => {
    const requestId = await fileRequest();
    await decide(requestId, 'approved');
    await decide(requestId, 'approved'); // redelivered under the same id
    await decide(requestId, 'approved', `${requestId}-resent`); // re-sent under a new event id
    const body = await requestOf(requestId);
    expect(body).toMatchObject({ status: 'granted', grant: { residentsCovered: 2, fields: ['name', 'phone'] } });
    const granted = await published(svc, requestId, GRANTED);
    expect(granted).toHaveLength(1);
    expect(granted[0]!.data).toMatchObject({ requestId, grantId: body.grant!.grantId, residentsCovered: 2 });
    const rows = await svc.query(
      `SELECT count(*) AS n FROM "${svc.schema}".data_access_grant g WHERE g.request_id = $1`,
      [requestId],
    );
    expect(rows).toEqual([{ n: '1' }]);
  });

  it('rejected → the request is refused, with data-access.refused and no grant; an open decision grants nothing', async () => {
    const rejected = await fileRequest();
    const stillOpen = await fileRequest();
    await decide(rejected, 'rejected');
    await decide(rejected, 'approved', `${rejected}-late`); // a later outcome changes nothing
    expect(await requestOf(rejected)).toMatchObject({ status: 'refused', grant: null });
    const refused = await published(svc, rejected, REFUSED);
    expect(refused.map((event: SansheEvent) => event.data)).toEqual([
      {
        requestId: rejected,
        decisionId: `decision/data-access/${rejected}`,
        communityCode: COMMUNITY,
        result: 'rejected',
      },
    ]);
    expect(await published(svc, rejected, GRANTED)).toEqual([]);
    expect(await requestOf(stillOpen)).toMatchObject({ status: 'requested', grant: null });
  });

  it('a decided approved from another source on governance’s topic grants nothing', async () => {
    const requestId = await fileRequest();
    await dataAccessDecided(svc, { requestId, result: 'approved', source: 'sanshe/portal-fake' });
    // Governance's own outcome after it, in the same partition (same key): applied after the forged one.
    await decide(requestId, 'rejected');
    expect(await requestOf(requestId)).toMatchObject({ status: 'refused', grant: null });
    expect(await published(svc, requestId, GRANTED)).toEqual([]);
  });
});

describe('reading under a grant', () => {
  it('gives the grantee only the granted fields of a covered, consenting resident, and logs the read', async () => {
    const { grantId } = await grantedRequest();
    const reply = await readAs(organizationStaff(ORG), grantId, ids.ming);
    expect(reply).toEqual({
      status: 200,
      body: { residentId: ids.ming, fields: { name: people.ming.name, phone: people.ming.phone } },
    });
    expect(await logOf(svc, grantId)).toEqual([
      {
        actorSub: `staff-of-${ORG}`,
        grantId,
        residentId: ids.ming,
        fields: ['name', 'phone'],
        result: 'granted',
        reason: null,
      },
    ]);
  });

  it('refuses, and logs, a resident who did not consent, another organization and the community’s own staff', async () => {
    const { grantId } = await grantedRequest();
    expect(await readAs(organizationStaff(ORG), grantId, ids.qiang)).toMatchObject({
      status: 403,
      body: { code: 'not-covered' },
    });
    for (const identity of [organizationStaff('org-other'), committeeStaff(), committeeMember()]) {
      const reply = await readAs(identity, grantId, ids.ming);
      expect(reply).toMatchObject({ status: 403, body: { code: 'not-the-grantee' } });
      expect(reply.body).not.toHaveProperty('fields');
    }
    const log = await logOf(svc, grantId);
    expect(log.map((row) => [row.actorSub, row.residentId, row.result, row.reason])).toEqual([
      [`staff-of-${ORG}`, ids.qiang, 'refused', 'not-covered'],
      ['staff-of-org-other', ids.ming, 'refused', 'not-the-grantee'],
      [`committee-staff-${COMMUNITY}`, ids.ming, 'refused', 'not-the-grantee'],
      [`committee-member-${COMMUNITY}`, ids.ming, 'refused', 'not-the-grantee'],
    ]);
  });

  it('refuses an unknown grant with 404, still logging the attempt on a registered resident', async () => {
    const grantId = newId('grant');
    expect(await readAs(organizationStaff(ORG), grantId, ids.ming)).toMatchObject({ status: 404 });
    expect(await logOf(svc, grantId)).toMatchObject([
      { residentId: ids.ming, result: 'refused', reason: 'grant-not-found' },
    ]);
  });

  it('refuses once the grant has expired', async () => {
    const { grantId } = await grantedRequest();
    expect((await readAs(organizationStaff(ORG), grantId, ids.hua)).status).toBe(200);
    await svc.query(
      `UPDATE "${svc.schema}".data_access_grant SET expires_at = now() - interval '1 second' WHERE grant_id = $1`,
      [grantId],
    );
    expect(await readAs(organizationStaff(ORG), grantId, ids.hua)).toMatchObject({
      status: 403,
      body: { code: 'grant-expired' },
    });
    expect((await logOf(svc, grantId)).map((row) => row.reason)).toEqual([null, 'grant-expired']);
  });

  it('refuses from the moment consent is withdrawn after the grant, and reads again once consent is given back', async () => {
    const zhao = await registerAndConsent(person('赵华'));
    const grantId = await grantedRequestOf([zhao]);
    expect((await readAs(organizationStaff(ORG), grantId, zhao)).status).toBe(200);
    await contactConsent(svc, zhao, ORG, 'withdrawn');
    expect(await readAs(organizationStaff(ORG), grantId, zhao)).toMatchObject({
      status: 403,
      body: { code: 'consent-withdrawn' },
    });
    await contactConsent(svc, zhao, ORG, 'granted');
    expect((await readAs(organizationStaff(ORG), grantId, zhao)).status).toBe(200);
    expect((await logOf(svc, grantId)).map((row) => row.reason)).toEqual([null, 'consent-withdrawn', null]);
  });
});

describe('the access log', () => {
  it('is readable by the resident’s committee member and representatives and auditors, not by others', async () => {
    const { grantId } = await grantedRequest();
    await readAs(organizationStaff(ORG), grantId, ids.ming);
    await readAs(committeeStaff(), grantId, ids.ming);
    const query = `/access-log?grantId=${grantId}`;
    for (const identity of [committeeMember(), residentsRepresentative(), auditor]) {
      const reply = await call<{ result: string; residentId: string }[]>(svc, 'GET', query, identity);
      expect(reply.status).toBe(200);
      expect(reply.body.map((row) => row.result)).toEqual(['granted', 'refused']);
    }
    const byResident = await call<{ grantId: string }[]>(
      svc,
      'GET',
      `/access-log?residentId=${ids.ming}`,
      committeeMember(),
    );
    expect(byResident.body.map((row) => row.grantId)).toContain(grantId);
    for (const identity of [committeeMember(OTHER_COMMUNITY), committeeStaff(), organizationStaff(ORG)]) {
      expect((await call(svc, 'GET', query, identity)).status).toBe(403);
    }
  });

  it('filters by time: from inclusive, to exclusive', async () => {
    const { grantId } = await grantedRequest();
    await readAs(organizationStaff(ORG), grantId, ids.ming);
    const [{ at }] = await svc.query<{ at: Date }>(`SELECT at FROM "${svc.schema}".access_log WHERE grant_id = $1`, [
      grantId,
    ]);
    const logged = (range: string) =>
      call<unknown[]>(svc, 'GET', `/access-log?grantId=${grantId}&${range}`, auditor).then(
        (reply) => reply.body.length,
      );
    const iso = (ms: number) => encodeURIComponent(new Date(at.getTime() + ms).toISOString());
    expect(await logged(`from=${iso(0)}&to=${iso(1)}`)).toBe(1);
    expect(await logged(`from=${iso(1)}`)).toBe(0);
    expect(await logged(`to=${iso(0)}`)).toBe(0);
    expect((await call(svc, 'GET', '/access-log?from=yesterday', auditor)).status).toBe(400);
  });

  it('cannot be updated, deleted or truncated through the service’s own role', async () => {
    const { grantId } = await grantedRequest();
    await readAs(organizationStaff(ORG), grantId, ids.ming);
    const table = `"${svc.schema}".access_log`;
    for (const sql of [
      `UPDATE ${table} SET result = 'refused' WHERE grant_id = '${grantId}'`,
      `DELETE FROM ${table} WHERE grant_id = '${grantId}'`,
      `TRUNCATE ${table}`,
    ]) {
      await expect(svc.query(sql)).rejects.toThrow(/permission denied|append-only/);
    }
    expect(await logOf(svc, grantId)).toMatchObject([{ result: 'granted' }]);
  });
});

/** A new resident of the community who consents to be contacted by ORG. */
async function registerAndConsent(who: Person): Promise<string> {
  const residentId = await register(svc, who);
  await contactConsent(svc, residentId, ORG, 'granted');
  return residentId;
}

/** A granted request over exactly these residents; returns its grant id. */
async function grantedRequestOf(residentIds: string[]): Promise<string> {
  const requestId = await fileRequest({ residentIds });
  await decide(requestId, 'approved');
  return (await requestOf(requestId)).grant!.grantId;
}
