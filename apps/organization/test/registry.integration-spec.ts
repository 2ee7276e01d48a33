import { getDataSourceToken } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import type { TokenRequest } from '@sanshe/auth';
import { contextTopic, decisionDecided, type SansheEvent } from '@sanshe/contracts';
import { openRequestBodyObjects } from '@sanshe/service-testing';
import { eventually } from '@sanshe/testing';
import { ActivityScheduling } from '../src/activities/domain/activity-scheduling';
import { DeregistrationListeners } from '../src/registry/domain/deregistration-listeners';
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

describe('deregistration ends the organization’s work in the status change’s commit', () => {
  const REASON = '连续两年未参加年检，依法注销登记';
  const LOW_RISK = {
    communityCode: COMMUNITY,
    title: '楼组睦邻茶话会',
    summary: 'A monthly neighbours’ tea in the stairwell, run by volunteers.',
    category: 'children-youth',
    schedule: {
      kind: 'one-off',
      timeZone: 'Asia/Shanghai',
      sessions: [{ startsAt: '2026-12-05T06:00:00.000Z', endsAt: '2026-12-05T07:30:00.000Z' }],
    },
    expectedParticipants: 20,
    staffingPlan: [{ role: 'volunteer', count: 3 }],
    usesResidentData: false,
  };
  const port = <T>(use: (scheduling: ActivityScheduling, manager: EntityManager) => Promise<T>) =>
    svc.app.get<DataSource>(getDataSourceToken()).transaction((m) => use(svc.app.get(ActivityScheduling), m));
  const scheduleFor = (organizationId: string, proposalId = newId('prop')) =>
    port((scheduling, manager) =>
      scheduling.schedule(manager, {
        ...{ proposalId, organizationId, communityCode: COMMUNITY, basis: 'approved' as const },
        ...{ decisionId: `decision/activity-proposal/${proposalId}`, needId: null, venueId: null },
        staffingPlan: [{ role: 'volunteer', count: 2 }],
        sessions: [{ startsAt: '2026-12-01T01:30:00.000Z', endsAt: '2026-12-01T03:00:00.000Z' }],
      }),
    );
  const attend = (organizationId: string, activityId: string) =>
    call(svc, 'PUT', `/activities/${activityId}/sessions/ses-${activityId}-1/attendance`, orgStaff(organizationId), {
      ...{ residentIds: ['rp-resident0001'], anonymousCount: 1 },
    });
  async function proposal(organizationId: string, command?: 'submit' | 'file'): Promise<string> {
    const created = await call(
      svc,
      'POST',
      `/organizations/${organizationId}/proposals`,
      orgStaff(organizationId),
      LOW_RISK,
    );
    expect(created.status).toBe(201);
    const proposalId = String(created.body.proposalId);
    if (command) {
      expect((await call(svc, 'POST', `/proposals/${proposalId}/${command}`, orgAdmin(organizationId))).status).toBe(
        200,
      );
    }
    return proposalId;
  }
  const activityOfProposal = async (proposalId: string) => {
    const [row] = await svc.query<{ activity_id: string }>(
      `SELECT activity_id FROM "${svc.schema}".activity WHERE proposal_id = $1`,
      [proposalId],
    );
    return String(row?.activity_id);
  };
  const statusOf = async (path: string, organizationId: string) =>
    (await call(svc, 'GET', path, orgAdmin(organizationId))).body.status;
  const lastPosition = async () => {
    const [row] = await svc.query<{ p: string }>(`SELECT coalesce(max(position), 0) AS p FROM "${svc.schema}".outbox`);
    return Number(row?.p);
  };
  /** The events written after `position`, each with the time its transaction began (now()). */
  const writtenAfter = async (position: number) =>
    (
      await svc.query<{ payload: string; created_at: Date }>(
        `SELECT payload, created_at FROM "${svc.schema}".outbox WHERE position > $1 ORDER BY position`,
        [position],
      )
    ).map((row) => ({ event: JSON.parse(row.payload) as SansheEvent, began: row.created_at.toISOString() }));
  const deregister = (organizationId: string) =>
    call(svc, 'POST', `/organizations/${organizationId}/status`, registrar(), { to: 'deregistered', reason: REASON });

  it('cancels each live activity, discards drafts, withdraws proposals; a second attempt is 409 and writes nothing', async () => {
    const id = newId('org');
    await registerOrganization(svc, id);
    const scheduled = await scheduleFor(id);
    const running = await scheduleFor(id);
    expect((await attend(id, running)).body).toMatchObject({ status: 'running' });
    const pausedProposal = newId('prop');
    const paused = await scheduleFor(id, pausedProposal);
    await port((scheduling, manager) => scheduling.pause(manager, pausedProposal, `decision/filing/${pausedProposal}`));
    const completed = await scheduleFor(id);
    await attend(id, completed);
    const report = {
      summary: '已完成。',
      outcomes: [],
      evidence: [{ sha256: 'd'.repeat(64), title: '签到表', kind: 'sign-in-sheet' }],
    };
    expect((await call(svc, 'POST', `/activities/${completed}/complete`, orgAdmin(id), report)).status).toBe(200);
    const draft = await proposal(id);
    const submitted = await proposal(id, 'submit');
    const filed = await proposal(id, 'file');
    const filedActivity = await activityOfProposal(filed);
    expect(await statusOf(`/activities/${paused}`, id)).toBe('paused');

    const before = await lastPosition();
    const gone = await deregister(id);
    expect(gone).toMatchObject({ status: 200, body: { status: 'deregistered' } });

    const written = await writtenAfter(before);
    expect(new Set(written.map((w) => w.began)).size).toBe(1);
    const cancelled = { reason: 'organization-deregistered', note: REASON, organizationId: id };
    const withdrawn = (withdrawnFrom: string) => ({
      organizationId: id,
      withdrawnFrom,
      reason: { code: 'organization-deregistered', text: expect.stringContaining(REASON) },
    });
    expect(written.map(({ event }) => [event.type, event.subject, event.data])).toEqual([
      ['sanshe.organization.organization.updated.v1', id, expect.objectContaining({ status: 'deregistered' })],
      ...[scheduled, running, paused, filedActivity].map((activityId) => [
        'sanshe.organization.activity.cancelled.v1',
        activityId,
        expect.objectContaining({ ...cancelled, activityId }),
      ]),
      ['sanshe.organization.proposal.withdrawn.v1', submitted, expect.objectContaining(withdrawn('decision'))],
      ['sanshe.organization.proposal.withdrawn.v1', filed, expect.objectContaining(withdrawn('filing'))],
    ]);
    for (const activityId of [scheduled, running, paused, filedActivity]) {
      expect(await statusOf(`/activities/${activityId}`, id)).toBe('cancelled');
    }
    expect(await statusOf(`/activities/${completed}`, id)).toBe('completed');
    expect(await statusOf(`/proposals/${draft}`, id)).toBe('discarded');
    expect(await statusOf(`/proposals/${submitted}`, id)).toBe('submitted');
    expect(await statusOf(`/proposals/${filed}`, id)).toBe('withdrawn');

    const again = await deregister(id);
    expect(again).toMatchObject({
      status: 409,
      body: { code: 'invalid-transition', status: 'deregistered', attempted: 'deregistered', allowed: [] },
    });
    expect(await writtenAfter(before)).toHaveLength(written.length);
  });

  it('a decision approved after the deregistration schedules the activity and cancels it at once', async () => {
    const id = newId('org');
    await registerOrganization(svc, id);
    const submitted = await proposal(id, 'submit');
    expect((await deregister(id)).status).toBe(200);
    const decisionId = `decision/activity-proposal/${submitted}`;
    const sent = await svc.publish(contextTopic('governance'), 'sanshe/governance', {
      type: 'sanshe.governance.decision.decided.v1',
      id: `${decisionId}/outcome`,
      subject: decisionId,
      data: {
        ...decisionDecided.example,
        decisionId,
        subjectId: submitted,
        result: 'approved',
        communityCode: COMMUNITY,
      },
    });
    await eventually(
      async () =>
        expect(await svc.query(`SELECT 1 FROM "${svc.schema}".inbox WHERE event_id = $1`, [sent.id])).toHaveLength(1),
      { timeoutMs: 20_000 },
    );
    expect(await statusOf(`/proposals/${submitted}`, id)).toBe('approved');
    const activityId = await activityOfProposal(submitted);
    expect((await svc.outboxOf(activityId)).map((e) => [e.type, e.data])).toEqual([
      [
        'sanshe.organization.activity.scheduled.v1',
        expect.objectContaining({ proposalId: submitted, basis: 'approved' }),
      ],
      ['sanshe.organization.activity.cancelled.v1', expect.objectContaining({ reason: 'organization-deregistered' })],
    ]);
    expect(await statusOf(`/activities/${activityId}`, id)).toBe('cancelled');
  });

  it('suspension ends nothing: the activities and proposals stay as they were', async () => {
    const id = newId('org');
    await registerOrganization(svc, id);
    const activity = await scheduleFor(id);
    const submitted = await proposal(id, 'submit');
    const before = await lastPosition();
    const suspended = await call(svc, 'POST', `/organizations/${id}/status`, registrar(), {
      to: 'suspended',
      reason: '整改',
    });
    expect(suspended).toMatchObject({ status: 200, body: { status: 'suspended' } });
    expect((await writtenAfter(before)).map(({ event }) => event.type)).toEqual([
      'sanshe.organization.organization.updated.v1',
    ]);
    expect(await statusOf(`/activities/${activity}`, id)).toBe('scheduled');
    expect(await statusOf(`/proposals/${submitted}`, id)).toBe('submitted');
  });

  it('a listener that fails rolls back the status change, its history and every cancellation and withdrawal', async () => {
    const id = newId('org');
    await registerOrganization(svc, id);
    const activity = await scheduleFor(id);
    const submitted = await proposal(id, 'submit');
    svc.app.get(DeregistrationListeners).register('failing-in-test', 'withdraw-proposals', async (_manager, gone) => {
      if (gone.organizationId === id) throw new Error('a listener failed');
    });
    const before = await lastPosition();
    const failed = await deregister(id);
    expect(failed.status).toBe(500);
    expect(await writtenAfter(before)).toEqual([]);
    expect(await statusOf(`/organizations/${id}`, id)).toBe('registered');
    expect(await statusOf(`/activities/${activity}`, id)).toBe('scheduled');
    expect((await call(svc, 'GET', `/proposals/${submitted}`, orgAdmin(id))).body).toMatchObject({
      status: 'submitted',
    });
    const history = await svc.query(
      `SELECT 1 FROM "${svc.schema}".organization_status_change WHERE organization_id = $1 AND to_status = 'deregistered'`,
      [id],
    );
    expect(history).toEqual([]);
  });
});

/**
 * What Schemathesis found (npm run fuzz): checks the document did not state, so schema-valid requests were refused
 * 400. Every path parameter now says its pattern, every request body is closed, and the rules between fields
 * OpenAPI can state are stated.
 */
describe('the API document says what the checks enforce', () => {
  interface Parameter {
    name: string;
    in: string;
    schema?: { pattern?: string; enum?: unknown[] };
  }
  type Operation = { parameters?: Parameter[]; requestBody?: { content: Record<string, { schema: object }> } };
  const NO_NUL = '^[^\\u0000]*$';
  let paths: Record<string, Record<string, Operation>>;
  const operations = () =>
    Object.entries(paths).flatMap(([path, item]) =>
      Object.entries(item).map(([method, operation]) => ({ label: `${method.toUpperCase()} ${path}`, operation })),
    );
  const bodyOf = (path: string, method: string) =>
    paths[path]?.[method]?.requestBody?.content['application/json']?.schema as Record<string, unknown>;

  beforeAll(async () => {
    paths = ((await (await fetch(`${svc.baseUrl}/docs/openapi.json`)).json()) as { paths: typeof paths }).paths;
  });

  it('gives every path parameter the pattern or enum its check enforces', () => {
    const loose = operations().flatMap(({ label, operation }) =>
      (operation.parameters ?? [])
        // The platform gives every free string the pattern excluding U+0000 (documentNoNul): not an id's check.
        .filter((p) => p.in === 'path' && (p.schema?.pattern ?? NO_NUL) === NO_NUL && !p.schema?.enum)
        .map((p) => `${label} ${p.name}`),
    );
    expect(loose).toEqual([]);
  });

  it('closes every object of every request body: a field no schema names is refused', () => {
    expect(openRequestBodyObjects({ paths })).toEqual([]);
  });

  it('states the vote’s and call-in’s party, an objection’s reason, and evidence hashes and titles', () => {
    const vote = bodyOf('/votes', 'post');
    expect(vote).toMatchObject({
      properties: { partyId: { pattern: expect.stringContaining('^organization:') } },
      anyOf: expect.arrayContaining([{ required: ['reason'] }]),
    });
    expect(bodyOf('/call-ins', 'post')).toMatchObject({
      properties: { partyId: { pattern: expect.stringContaining('^organization:') } },
    });
    const item = { sha256: { pattern: '^[0-9a-f]{64}$' }, title: { minLength: 1, maxLength: 200 } };
    const packages = bodyOf('/grants/{grantId}/evidence-packages', 'post');
    expect(packages).toMatchObject({ properties: { evidence: { items: { properties: item } } } });
    const complete = bodyOf('/activities/{activityId}/complete', 'post');
    expect(complete).toMatchObject({ properties: { evidence: { items: { properties: item } } } });
    const read = paths['/grants/{grantId}/evidence-packages']?.get?.parameters ?? [];
    expect(read.find((p) => p.name === 'organizationId')?.schema).toMatchObject({ pattern: expect.any(String) });
    const submit = paths['/grants/{grantId}/evidence-packages']?.post?.parameters ?? [];
    expect(submit.find((p) => p.name === 'Idempotency-Key')?.schema).toMatchObject({ pattern: expect.any(String) });
  });

  it('refuses what the document now states: a malformed id 400 where it was 404, an unknown nested field 400', async () => {
    const admin = orgAdmin('org-doc');
    for (const path of ['/organizations/a%20b', '/proposals/%29', '/votes/%29', '/call-ins/%29']) {
      const reply = await call(svc, 'GET', path, admin);
      expect([path, reply.status]).toEqual([path, 400]);
    }
    const id = newId('org');
    await registerOrganization(svc, id);
    const draft = (staffing: object) =>
      call(svc, 'POST', `/organizations/${id}/proposals`, orgAdmin(id), {
        communityCode: COMMUNITY,
        staffingPlan: [{ role: 'volunteer', count: 2, ...staffing }],
      });
    const refused = await draft({ colour: 'blue' });
    expect(refused.status).toBe(400);
    expect(refused.body.problems).toEqual([expect.objectContaining({ path: '/staffingPlan/0/colour' })]);
    expect((await draft({})).status).toBe(201);
  });
});
