import type { TokenRequest } from '@sanshe/auth';
import { OrganizationDirectory } from '../src/registry/domain/organization-directory';
import { type OrganizationUnderTest, startOrganizationUnderTest } from './organization-test-app';
import {
  auditor,
  call,
  COMMUNITY,
  newId,
  orgAdmin,
  organizationBody,
  orgStaff,
  registerOrganization,
  registrar,
} from './organization.fixtures';

/**
 * The registry on the real PostgreSQL: one event per change and none for an unchanged PUT, each failed
 * credit-code check named with nothing written, the credit code unique, who may do what, grades only
 * for a registered organization, the legal representative only to those who may read it.
 */
let svc: OrganizationUnderTest;

const rowsOf = async (organizationId: string) =>
  svc.query(`SELECT organization_id FROM "${svc.schema}".organization WHERE organization_id = $1`, [organizationId]);
const put = (organizationId: string, who: TokenRequest | null, body: unknown) =>
  call(svc, 'PUT', `/organizations/${organizationId}`, who, body);

beforeAll(async () => {
  svc = await startOrganizationUnderTest();
}, 60_000);
afterAll(() => svc?.close());

describe('registering and changing an organization', () => {
  it('201 with one registered event, 200 and no event when unchanged, revision 2 when changed', async () => {
    const id = newId('org');
    const body = organizationBody();
    const created = await put(id, orgAdmin(id), body);
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ organizationId: id, status: 'provisional', revision: 1 });
    const [registered] = await svc.outboxOf(id);
    expect(registered).toMatchObject({
      type: 'sanshe.organization.organization.registered.v1',
      id: `sanshe.organization.organization.registered.v1:${id}:1`,
      data: { organizationId: id, creditCode: body.creditCode, communitiesServed: [COMMUNITY], revision: 1 },
    });
    expect(JSON.stringify(registered)).not.toContain('陈敏');

    expect((await put(id, orgAdmin(id), body)).status).toBe(200);
    expect(await svc.outboxOf(id)).toHaveLength(1);

    const renamed = await put(id, orgAdmin(id), { ...body, name: '乐群社工' });
    expect(renamed).toMatchObject({ status: 200, body: { name: '乐群社工', revision: 2 } });
    expect((await svc.outboxOf(id)).map((event) => [event.type, event.data])).toEqual([
      ['sanshe.organization.organization.registered.v1', expect.objectContaining({ revision: 1 })],
      ['sanshe.organization.organization.updated.v1', expect.objectContaining({ name: '乐群社工', revision: 2 })],
    ]);
  });

  it.each([
    ['91350100M000100Y44', /^check-character: expected 3, found 4/],
    ['52310104MJ0000019C', /^organization-code-check: expected 8, found 9/],
    ['52310104MJ0000I189', /^charset: position 15 'I'/],
    ['5231010MJ00000189', /^length: /],
    ['52A10104MJ00000189', /^region-code: position 3 'A'/],
  ])('refuses credit code %s (400 naming the check), writing nothing', async (creditCode, check) => {
    const id = newId('org');
    const refused = await put(id, registrar(), organizationBody({ creditCode }));
    expect(refused.status).toBe(400);
    expect(refused.body.problems).toEqual(
      expect.arrayContaining([{ path: '/body/creditCode', message: expect.stringMatching(check) }]),
    );
    expect(await rowsOf(id)).toEqual([]);
    expect(await svc.outboxOf(id)).toEqual([]);
  });

  it('refuses a credit code another organization holds (409 naming it), writing nothing', async () => {
    const holder = newId('org');
    const body = organizationBody();
    expect((await put(holder, registrar(), body)).status).toBe(201);
    const other = newId('org');
    const taken = await put(other, registrar(), { ...body, name: '另一家' });
    expect(taken).toMatchObject({ status: 409, body: { code: 'credit-code-taken', holderId: holder } });
    expect(await rowsOf(other)).toEqual([]);
    expect(await svc.outboxOf(other)).toEqual([]);
  });

  it('gives one of two racing registrations of a credit code and a 409 naming the holder to the other', async () => {
    const [first, second] = [newId('org'), newId('org')];
    const body = organizationBody();
    const replies = await Promise.all([put(first, registrar(), body), put(second, registrar(), body)]);
    expect(replies.map((reply) => reply.status).sort()).toEqual([201, 409]);
    const winner = replies[0].status === 201 ? first : second;
    expect(replies.find((reply) => reply.status === 409)?.body).toMatchObject({ holderId: winner });
  });

  it('refuses: no token 401, staff of another organization 403, a registrar of another district 403', async () => {
    const id = newId('org');
    await registerOrganization(svc, id);
    const body = organizationBody({ name: '改名' });
    expect((await put(id, null, body)).status).toBe(401);
    const other = newId('org');
    const staffOfOther = await put(id, orgStaff(other), body);
    expect(staffOfOther.status).toBe(403);
    expect(String(staffOfOther.body.message)).toContain(`organization:${id}`);
    expect((await put(id, orgStaff(id), body)).status).toBe(403);
    const elsewhere = await put(id, registrar('310105'), body);
    expect(elsewhere.status).toBe(403);
    expect(String(elsewhere.body.message)).toContain('jurisdiction:310104');
    expect(
      (await call(svc, 'POST', `/organizations/${id}/status`, orgAdmin(id), { to: 'suspended', reason: 'x' })).status,
    ).toBe(403);
    expect(await svc.outboxOf(id)).toHaveLength(2);
  });

  it('keeps district and credit code for the registrar once registered', async () => {
    const id = newId('org');
    await registerOrganization(svc, id);
    const moved = await put(id, orgAdmin(id), organizationBody({ registrationDistrictCode: '310105' }));
    expect(moved).toMatchObject({ status: 403, body: { code: 'registration-locked' } });
  });
});

describe('status and grade', () => {
  it('409 invalid-transition naming the allowed statuses', async () => {
    const id = newId('org');
    await registerOrganization(svc, id);
    const refused = await call(svc, 'POST', `/organizations/${id}/status`, registrar(), {
      to: 'provisional',
      reason: 'x',
    });
    expect(refused).toMatchObject({
      status: 409,
      body: {
        code: 'invalid-transition',
        status: 'registered',
        attempted: 'provisional',
        allowed: ['suspended', 'deregistered'],
      },
    });
  });

  it('grades only a registered organization; the grade in force filters the list', async () => {
    const id = newId('org');
    const body = organizationBody();
    await put(id, registrar(), body);
    const grade = { grade: '4A', assessedOn: '2025-06-30', assessmentRef: '徐民评〔2025〕12号' };
    const early = await call(svc, 'PUT', `/organizations/${id}/grade`, registrar(), grade);
    expect(early).toMatchObject({ status: 409, body: { code: 'organization-not-registered' } });
    await call(svc, 'POST', `/organizations/${id}/status`, registrar(), { to: 'registered', reason: '登记成立' });
    const graded = await call(svc, 'PUT', `/organizations/${id}/grade`, registrar(), grade);
    expect(graded).toMatchObject({ status: 200, body: { gradeInForce: '4A', grade: { validUntil: '2030-06-29' } } });
    const tooLong = await call(svc, 'PUT', `/organizations/${id}/grade`, registrar(), {
      ...grade,
      validUntil: '2031-01-01',
    });
    expect(tooLong.status).toBe(400);
    const atLeast = async (minGrade: string) =>
      (await call<{ organizationId: string }[]>(svc, 'GET', `/organizations?minGrade=${minGrade}`, auditor())).body.map(
        (org) => org.organizationId,
      );
    expect(await atLeast('3A')).toContain(id);
    expect(await atLeast('5A')).not.toContain(id);
    expect((await svc.outboxOf(id)).at(-1)).toMatchObject({
      data: { grade: { grade: '4A', assessedOn: '2025-06-30', validUntil: '2030-06-29' }, revision: 3 },
    });
  });
});

describe('reading the registry', () => {
  it('shows the legal representative only to its admin and staff, its registrar and auditors', async () => {
    const id = newId('org');
    await registerOrganization(svc, id);
    for (const who of [orgAdmin(id), orgStaff(id), registrar(), auditor()]) {
      expect((await call(svc, 'GET', `/organizations/${id}`, who)).body.legalRepresentative).toEqual({
        name: '陈敏',
        title: '理事长',
      });
    }
    for (const who of [orgAdmin(newId('org')), registrar('310105')]) {
      const seen = await call(svc, 'GET', `/organizations/${id}`, who);
      expect(seen.status).toBe(200);
      expect(seen.body).not.toHaveProperty('legalRepresentative');
    }
    expect((await call(svc, 'GET', `/organizations/${newId('org')}`, auditor())).status).toBe(404);
  });

  it('tells the other features an organization’s status, communities and grade in force', async () => {
    const id = newId('org');
    await registerOrganization(svc, id);
    await call(svc, 'PUT', `/organizations/${id}/grade`, registrar(), {
      ...{ grade: '3A', assessedOn: '2020-01-01', validUntil: '2024-12-31', assessmentRef: '已过期' },
    });
    const directory = svc.app.get(OrganizationDirectory);
    expect(await directory.find(id)).toEqual({
      organizationId: id,
      status: 'registered',
      type: 'social-work-agency',
      communitiesServed: [COMMUNITY],
      grade: null,
    });
    expect(await directory.find(newId('org'))).toBeNull();
  });

  it('lists mentees, and refuses a mentor cycle naming the field', async () => {
    const hub = newId('hub');
    await registerOrganization(svc, hub);
    const mentee = newId('org');
    await registerOrganization(svc, mentee, { mentorOrganizationId: hub });
    const mentees = await call<{ organizationId: string }[]>(svc, 'GET', `/organizations/${hub}/mentees`, auditor());
    expect(mentees.body.map((org) => org.organizationId)).toEqual([mentee]);
    const cycle = await put(hub, registrar(), organizationBody({ mentorOrganizationId: mentee }));
    expect(cycle.status).toBe(400);
    expect(cycle.body.problems).toEqual([expect.objectContaining({ path: '/body/mentorOrganizationId' })]);
  });
});
