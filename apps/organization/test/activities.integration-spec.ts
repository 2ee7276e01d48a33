import { randomUUID } from 'node:crypto';
import { getDataSourceToken } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import type { SansheEvent } from '@sanshe/contracts';
import { ActivityScheduling, type ScheduleActivityCommand } from '../src/activities/domain/activity-scheduling';
import { auditor, call, COMMUNITY, newId, orgAdmin, orgStaff, registerOrganization } from './organization.fixtures';
import { type OrganizationUnderTest, startOrganizationUnderTest } from './organization-test-app';

jest.setTimeout(60_000);

let svc: OrganizationUnderTest;
const ORG = newId('org-act');
const OTHER = newId('org-other');
const rp = (n: number) => `rp-resident${String(n).padStart(4, '0')}`;
const hash = (c: string) => c.repeat(64);
const TYPE = 'sanshe.organization.activity';

const sessions = [
  { startsAt: '2026-12-01T01:30:00.000Z', endsAt: '2026-12-01T03:00:00.000Z' },
  { startsAt: '2026-12-03T01:30:00.000Z', endsAt: '2026-12-03T03:00:00.000Z' },
  { startsAt: '2026-12-08T01:30:00.000Z', endsAt: '2026-12-08T03:00:00.000Z' },
];

/** What O3's approved or filed proposal does: the port, in a transaction of the service's data source. */
async function schedule(overrides: Partial<ScheduleActivityCommand> = {}): Promise<string> {
  const proposalId = overrides.proposalId ?? newId('prop');
  const command: ScheduleActivityCommand = {
    proposalId,
    organizationId: ORG,
    communityCode: COMMUNITY,
    basis: 'approved',
    decisionId: `decision/activity-proposal/${proposalId}`,
    needId: null,
    venueId: null,
    staffingPlan: [{ role: 'certified-social-worker', count: 1 }],
    sessions,
    ...overrides,
  };
  return port((scheduling, manager) => scheduling.schedule(manager, command));
}

function port<T>(use: (scheduling: ActivityScheduling, manager: EntityManager) => Promise<T>): Promise<T> {
  const dataSource = svc.app.get<DataSource>(getDataSourceToken());
  return dataSource.transaction((manager) => use(svc.app.get(ActivityScheduling), manager));
}

const eventsOf = async (activityId: string, type: string): Promise<SansheEvent[]> =>
  (await svc.outboxOf(activityId)).filter((e) => e.type === `${TYPE}.${type}.v1`);

const attend = (activityId: string, seq: number, residentIds: string[], anonymousCount: number, as = orgStaff(ORG)) =>
  call(svc, 'PUT', `/activities/${activityId}/sessions/ses-${activityId}-${seq}/attendance`, as, {
    residentIds,
    anonymousCount,
  });

const report = (evidence: { sha256: string; title: string; kind: string }[], milestone?: object) => ({
  summary: '三次长者午餐均已开展。',
  outcomes: [{ indicator: '受益长者', unit: '人', target: 5, achieved: 4 }],
  evidence,
  ...(milestone ? { milestone } : {}),
});

/** A running activity with one held session, ready to complete. */
async function runningActivity(): Promise<string> {
  const activityId = await schedule();
  expect((await attend(activityId, 1, [rp(1)], 0)).status).toBe(200);
  return activityId;
}

beforeAll(async () => {
  svc = await startOrganizationUnderTest();
  await registerOrganization(svc, ORG);
  await registerOrganization(svc, OTHER);
});

afterAll(() => svc?.close());

describe('activities', () => {
  it('scheduling through the port makes one activity and one activity.scheduled, however often it is called', async () => {
    const proposalId = newId('prop');
    const activityId = await schedule({ proposalId });
    expect(await schedule({ proposalId })).toBe(activityId);
    const [scheduled, ...more] = await eventsOf(activityId, 'scheduled');
    expect(more).toEqual([]);
    expect(scheduled).toMatchObject({
      id: `${TYPE}.scheduled.v1:${activityId}`,
      data: {
        activityId,
        proposalId,
        organizationId: ORG,
        basis: 'approved',
        sessions: [{ sessionId: `ses-${activityId}-1` }, {}, {}],
      },
    });
    const groups = await call<{ kind: string }[]>(svc, 'GET', `/activities/${activityId}/groups`, orgStaff(ORG));
    expect(groups.body.map((g) => g.kind)).toEqual(['participants', 'staff', 'volunteers']);
  });

  it('the first attendance starts the activity once; a correction starts nothing more', async () => {
    const activityId = await schedule();
    const first = await attend(activityId, 1, [rp(1), rp(2)], 1);
    expect(first).toMatchObject({ status: 200, body: { status: 'running', sessionsHeld: 1, attendance: 3 } });
    expect((await attend(activityId, 1, [rp(1)], 0)).body).toMatchObject({ status: 'running', attendance: 1 });
    expect((await call(svc, 'POST', `/activities/${activityId}/start`, orgStaff(ORG))).body).toMatchObject({
      code: 'invalid-transition',
      status: 'running',
      attempted: 'start',
    });
    expect(await eventsOf(activityId, 'started')).toHaveLength(1);
  });

  it('shows resident ids to its own staff and auditors only; staff of another org may not record (403)', async () => {
    const activityId = await schedule();
    await attend(activityId, 1, [rp(7)], 2);
    const own = await call<{ residentIds?: string[] }[]>(
      svc,
      'GET',
      `/activities/${activityId}/sessions`,
      orgStaff(ORG),
    );
    expect(own.body[0]?.residentIds).toEqual([rp(7)]);
    expect(
      (await call<{ residentIds?: string[] }[]>(svc, 'GET', `/activities/${activityId}/sessions`, auditor())).body[0]
        ?.residentIds,
    ).toEqual([rp(7)]);
    const other = await call<Record<string, unknown>[]>(
      svc,
      'GET',
      `/activities/${activityId}/sessions`,
      orgAdmin(OTHER),
    );
    expect(other.body[0]).toMatchObject({ residentCount: 1, anonymousCount: 2 });
    expect(other.body[0]).not.toHaveProperty('residentIds');
    expect((await attend(activityId, 2, [rp(8)], 0, orgStaff(OTHER))).status).toBe(403);
    expect((await call(svc, 'GET', `/activities/${activityId}`, null)).status).toBe(401);
    expect((await call(svc, 'GET', `/activities/act-unknown`, orgStaff(ORG))).status).toBe(404);
  });

  it('groups: membership rules name the field, members leave, meetings are counted', async () => {
    const activityId = await schedule();
    const member = (kind: string, memberId: string, memberKind: string) =>
      call(svc, 'PUT', `/activities/${activityId}/groups/${kind}/members/${memberId}`, orgStaff(ORG), { memberKind });
    expect((await member('participants', rp(1), 'resident')).status).toBe(200);
    expect((await member('staff', 'sw-2019-0457', 'worker')).status).toBe(200);
    expect((await member('volunteers', 'vol-0001', 'worker')).status).toBe(200);
    expect((await member('volunteers', rp(2), 'resident')).status).toBe(200);
    const wrong = await member('staff', rp(3), 'resident');
    expect(wrong).toMatchObject({ status: 400, body: { problems: [{ path: '/memberKind' }] } });
    expect((await member('participants', 'sw-1', 'resident')).body).toMatchObject({
      problems: [{ path: '/memberId' }],
    });
    const left = await call(
      svc,
      'DELETE',
      `/activities/${activityId}/groups/volunteers/members/vol-0001`,
      orgStaff(ORG),
    );
    expect(left.body).toMatchObject({ counts: { members: 1 }, residentMembers: 1 });
    const training = {
      kind: 'training',
      heldOn: '2026-12-02',
      topic: '志愿服务礼仪',
      durationMinutes: 90,
      attendeeCount: 1,
    };
    expect(
      (await call(svc, 'POST', `/activities/${activityId}/groups/volunteers/meetings`, orgStaff(ORG), training)).body,
    ).toMatchObject({ counts: { trainings: 1, trainingMinutes: 90 } });
    const tooMany = { ...training, attendeeCount: 2 };
    expect(
      (await call(svc, 'POST', `/activities/${activityId}/groups/volunteers/meetings`, orgStaff(ORG), tooMany)).body,
    ).toMatchObject({
      problems: [{ path: '/attendeeCount' }],
    });
    const rows = await svc.query(`SELECT member_id, left_at FROM "${svc.schema}".group_member WHERE group_id = $1`, [
      `grp-${activityId}-volunteers`,
    ]);
    expect(rows).toHaveLength(2);
  });

  it('completion: a bad hash is 400 naming it with nothing written; then one activity.completed; again 409', async () => {
    const activityId = await schedule();
    await attend(activityId, 1, [rp(1), rp(2), rp(3)], 2);
    await attend(activityId, 2, [rp(2), rp(3), rp(4)], 0);
    await call(svc, 'DELETE', `/activities/${activityId}/sessions/ses-${activityId}-3`, orgStaff(ORG));
    await call(svc, 'PUT', `/activities/${activityId}/groups/staff/members/sw-1`, orgStaff(ORG), {
      memberKind: 'worker',
    });
    const bad = report([
      { sha256: hash('a'), title: '签到表', kind: 'sign-in-sheet' },
      { sha256: 'A'.repeat(64), title: '照片', kind: 'photo' },
    ]);
    const refused = await call(svc, 'POST', `/activities/${activityId}/complete`, orgAdmin(ORG), bad);
    expect(refused).toMatchObject({ status: 400, body: { problems: [{ path: '/evidence/1/sha256' }] } });
    expect(
      await svc.query(`SELECT 1 FROM "${svc.schema}".activity_report WHERE activity_id = $1`, [activityId]),
    ).toEqual([]);
    expect(await eventsOf(activityId, 'completed')).toEqual([]);
    expect((await call(svc, 'POST', `/activities/${activityId}/complete`, orgStaff(ORG), report([]))).status).toBe(403);

    const good = report([{ sha256: hash('a'), title: '签到表', kind: 'sign-in-sheet' }]);
    const done = await call(svc, 'POST', `/activities/${activityId}/complete`, orgAdmin(ORG), good);
    expect(done).toMatchObject({ status: 200, body: { status: 'completed' } });
    const completed = await eventsOf(activityId, 'completed');
    expect(completed).toHaveLength(1);
    expect(completed[0]?.data).toMatchObject({
      sessionsHeld: 2,
      sessionsPlanned: 2,
      attendance: 6,
      participantIds: [rp(1), rp(2), rp(3), rp(4)],
      basis: 'approved',
      report: { summary: good.summary, outcomes: good.outcomes },
      evidence: [{ sha256: hash('a'), title: '签到表', kind: 'sign-in-sheet' }],
      groups: { staff: { members: 1, meetings: 0, trainings: 0, trainingMinutes: 0 }, participants: { members: 0 } },
    });
    const again = await call(svc, 'POST', `/activities/${activityId}/complete`, orgAdmin(ORG), good);
    expect(again).toMatchObject({
      status: 409,
      body: { code: 'invalid-transition', status: 'completed', allowed: [] },
    });
    expect(await eventsOf(activityId, 'completed')).toHaveLength(1);
  });

  it('completion without a held session is 409 no-session-held', async () => {
    const activityId = await schedule();
    await call(svc, 'POST', `/activities/${activityId}/start`, orgStaff(ORG));
    const refused = await call(svc, 'POST', `/activities/${activityId}/complete`, orgAdmin(ORG), report([]));
    expect(refused).toMatchObject({ status: 409, body: { code: 'no-session-held' } });
  });

  it("evidence reused across two grants' reports is flagged on the second only", async () => {
    const [h1, h2, h3] = [1, 2, 3].map(() => randomUUID().replace(/-/g, '').repeat(2));
    const a1 = await runningActivity();
    const a2 = await runningActivity();
    const items = (...hashes: string[]) => hashes.map((sha256) => ({ sha256, title: '照片', kind: 'photo' }));
    await call(
      svc,
      'POST',
      `/activities/${a1}/complete`,
      orgAdmin(ORG),
      report(items(h1 as string, h2 as string), { grantId: 'g-1', trancheNo: 1 }),
    );
    await call(
      svc,
      'POST',
      `/activities/${a2}/complete`,
      orgAdmin(ORG),
      report(items(h2 as string, h3 as string), { grantId: 'g-2', trancheNo: 1 }),
    );
    const [first] = await eventsOf(a1, 'completed');
    const [second] = await eventsOf(a2, 'completed');
    expect((first?.data as { evidence: object[] }).evidence.map((e) => 'reusedIn' in e)).toEqual([false, false]);
    expect((second?.data as { evidence: object[] }).evidence).toEqual([
      { sha256: h2, title: '照片', kind: 'photo', reusedIn: [{ activityId: a1, grantId: 'g-1' }] },
      { sha256: h3, title: '照片', kind: 'photo' },
    ]);
    const shown = await call(svc, 'GET', `/activities/${a2}/report`, auditor());
    expect(shown.body).toMatchObject({
      evidence: [{ reusedIn: [{ activityId: a1, grantId: 'g-1' }] }, { reusedIn: [] }],
    });
  });

  it('two reports sharing a hash at the same moment: exactly one of them is flagged (the hash lock orders them)', async () => {
    const shared = randomUUID().replace(/-/g, '').repeat(2);
    const [a1, a2] = await Promise.all([runningActivity(), runningActivity()]);
    const body = report([{ sha256: shared, title: '照片', kind: 'photo' }]);
    const replies = await Promise.all(
      [a1, a2].map((id) => call(svc, 'POST', `/activities/${id}/complete`, orgAdmin(ORG), body)),
    );
    expect(replies.map((r) => r.status)).toEqual([200, 200]);
    const flagged = await Promise.all(
      [a1, a2].map(async (id) => {
        const [completed] = await eventsOf(id, 'completed');
        return (completed?.data as { evidence: { reusedIn?: unknown[] }[] }).evidence[0]?.reusedIn?.length ?? 0;
      }),
    );
    expect(flagged.sort()).toEqual([0, 1]);
  });

  it('pause, resume and cancel through the port publish one event each; repeated calls publish none', async () => {
    const proposalId = newId('prop');
    const activityId = await schedule({ proposalId, basis: 'filed', decisionId: null });
    const decisionId = `decision/activity-proposal/${proposalId}`;
    await port((s, m) => s.pause(m, proposalId, decisionId));
    await port((s, m) => s.pause(m, proposalId, decisionId));
    expect((await call(svc, 'GET', `/activities/${activityId}`, auditor())).body).toMatchObject({ status: 'paused' });
    await port((s, m) => s.resume(m, proposalId));
    await port((s, m) => s.resume(m, proposalId));
    expect((await call(svc, 'GET', `/activities/${activityId}`, auditor())).body).toMatchObject({
      status: 'scheduled',
    });
    await port((s, m) => s.cancel(m, proposalId, 'called-in-rejected'));
    await port((s, m) => s.cancel(m, proposalId, 'withdrawn'));
    await port((s, m) => s.pause(m, newId('prop-none'), decisionId));
    const types = (await svc.outboxOf(activityId)).map(
      (e) => `${e.type.replace(`${TYPE}.`, '')} ${e.id.split(':').length}`,
    );
    expect(types).toEqual(['scheduled.v1 2', 'paused.v1 3', 'resumed.v1 3', 'cancelled.v1 2']);
    expect((await eventsOf(activityId, 'paused'))[0]).toMatchObject({
      id: `${TYPE}.paused.v1:${activityId}:1`,
      data: { decisionId },
    });
    expect((await eventsOf(activityId, 'cancelled'))[0]?.data).toMatchObject({ reason: 'called-in-rejected' });
  });

  it('documents the completion in the API docs: the report body, 400 naming the field, 409 with the allowed commands', async () => {
    const docs = (await (await fetch(`${svc.baseUrl}/docs/openapi.json`)).json()) as {
      paths: Record<
        string,
        Record<string, { responses?: Record<string, { content?: unknown }>; requestBody?: unknown }>
      >;
    };
    const complete = docs.paths['/activities/{activityId}/complete']?.post;
    expect(JSON.stringify(complete?.requestBody)).toContain('evidence');
    expect(Object.keys(complete?.responses ?? {})).toEqual(expect.arrayContaining(['200', '400', '403', '409']));
    expect(JSON.stringify(complete?.responses?.['409'])).toContain('allowed');
    // Every activity route may answer 404 for an unknown activity, and says so.
    for (const [path, method] of [
      ['/activities/{activityId}/cancel', 'post'],
      ['/activities/{activityId}/sessions', 'post'],
      ['/activities/{activityId}/groups/{kind}/meetings', 'post'],
    ]) {
      expect([path, Object.keys(docs.paths[path]?.[method]?.responses ?? {})]).toEqual([
        path,
        expect.arrayContaining(['404']),
      ]);
    }
    // A handler taking @Param() whole had its path parameters undocumented (Schemathesis: "not defined").
    const members = docs.paths['/activities/{activityId}/groups/{kind}/members/{memberId}'] as unknown as Record<
      string,
      { parameters: { name: string; in: string; schema: { pattern?: string; enum?: string[] } }[] }
    >;
    for (const method of ['put', 'delete']) {
      expect(members[method].parameters.filter((p) => p.in === 'path')).toEqual([
        expect.objectContaining({
          name: 'activityId',
          schema: expect.objectContaining({ pattern: expect.any(String) }),
        }),
        expect.objectContaining({ name: 'kind', schema: expect.objectContaining({ enum: expect.any(Array) }) }),
        expect.objectContaining({ name: 'memberId', schema: expect.objectContaining({ pattern: expect.any(String) }) }),
      ]);
    }
  });

  it("lists an organization's activities; an unknown organization is 404", async () => {
    const activityId = await schedule();
    const list = await call<{ activityId: string }[]>(
      svc,
      'GET',
      `/organizations/${ORG}/activities?status=scheduled`,
      orgAdmin(OTHER),
    );
    expect(list.body.map((a) => a.activityId)).toContain(activityId);
    expect((await call(svc, 'GET', `/organizations/${newId('org-none')}/activities`, auditor())).status).toBe(404);
    expect((await call(svc, 'GET', `/organizations/${ORG}/activities?status=lost`, auditor())).body).toMatchObject({
      problems: [{ path: '/query/status' }],
    });
  });
});
