import { getDataSourceToken } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { contextTopic, organizationRegistered } from '@sanshe/contracts';
import { InboxService } from '@sanshe/messaging';
import { eventually } from '@sanshe/testing';
import { grantAccountId, Ledger, programAccountId, reserveGrant } from '../src/ledger';
import { type FundingUnderTest, startFundingUnderTest } from './funding-test-app';
import {
  auditor,
  call,
  FUNDER,
  funderAdmin,
  funderStaff,
  newId,
  openProgram,
  orgAdmin,
  programBody,
  registerOrganization,
} from './funding.fixtures';

/**
 * Programs on the real PostgreSQL and Kafka: PUT/close/GET with their roles, the budget on the ledger in
 * the same transaction, and the organizations read model from the organization service's events.
 */
const OPENED = 'sanshe.funding.program.opened.v1';
const UPDATED = 'sanshe.funding.program.updated.v1';
const OTHER_FUNDER = 'funder:xuhui-charity-foundation';
let svc: FundingUnderTest;

const eventTypes = async (programId: string) => (await svc.outboxOf(programId)).map((event) => event.type);

async function balances(programId: string): Promise<Record<string, number>> {
  const ids = [programAccountId(programId, 'source'), programAccountId(programId, 'available')];
  const found = await svc.app.get(Ledger).balances(svc.app.get<DataSource>(getDataSourceToken()).manager, ids);
  return Object.fromEntries([...found].map(([id, account]) => [id.split('/').at(-1) ?? id, account.balanceFen]));
}

async function programRows(programId: string) {
  return svc.query<{ revision: number; budget_fen: string; status: string }>(
    `SELECT revision, budget_fen, status FROM ${svc.schema}.program WHERE program_id = $1`,
    [programId],
  );
}

/** Waits until funding's inbox took every event id (processed, ignored or dead-lettered): a barrier, not a timer. */
async function consumed(...eventIds: string[]) {
  await eventually(
    async () => {
      const rows = await svc.query<{ event_id: string }>(`SELECT event_id FROM ${svc.schema}.inbox`);
      for (const id of eventIds) expect(rows.some((row) => row.event_id.endsWith(id))).toBe(true);
    },
    { timeoutMs: 20_000 },
  );
}

beforeAll(async () => {
  svc = await startFundingUnderTest();
}, 60_000);

afterAll(async () => {
  await svc?.close();
});

describe('programs', () => {
  it('opens (201, program.opened, the budget funded), keeps an unchanged PUT silent (200), posts a raise (200)', async () => {
    const programId = newId('prog');
    const opened = await call(svc, 'PUT', `/programs/${programId}`, funderAdmin(), programBody());
    expect(opened.status).toBe(201);
    expect(opened.body).toMatchObject({
      programId,
      funderId: FUNDER,
      status: 'open',
      revision: 1,
      noticeWorkingDays: 5,
    });
    expect(await eventTypes(programId)).toEqual([OPENED]);
    expect(await balances(programId)).toEqual({ source: 120_000_000, available: 120_000_000 });

    const same = await call(svc, 'PUT', `/programs/${programId}`, funderAdmin(), programBody({ noticeWorkingDays: 5 }));
    expect(same.status).toBe(200);
    expect(same.body).toMatchObject({ revision: 1 });
    expect(await eventTypes(programId)).toEqual([OPENED]);

    const raised = programBody({ budget: { amountFen: 150_000_000, currency: 'CNY' } });
    const changed = await call(svc, 'PUT', `/programs/${programId}`, funderAdmin(), raised);
    expect(changed.status).toBe(200);
    expect(changed.body).toMatchObject({ revision: 2, budget: { amountFen: 150_000_000, currency: 'CNY' } });
    const events = await svc.outboxOf(programId);
    expect(events.map((event) => event.type)).toEqual([OPENED, UPDATED]);
    expect(events[1]?.data).toMatchObject({ programId, revision: 2, budget: { amountFen: 150_000_000 } });
    expect(await balances(programId)).toEqual({ source: 150_000_000, available: 150_000_000 });
  });

  it('opens a program once when its first PUT arrives several times at once: one 201, one program.opened', async () => {
    const programId = newId('prog');
    const replies = await Promise.all(
      Array.from({ length: 6 }, () => call(svc, 'PUT', `/programs/${programId}`, funderAdmin(), programBody())),
    );
    expect(replies.map((reply) => reply.status).sort()).toEqual([200, 200, 200, 200, 200, 201]);
    expect(await eventTypes(programId)).toEqual([OPENED]);
    expect(await balances(programId)).toEqual({ source: 120_000_000, available: 120_000_000 });
  });

  it('refuses a bad body with 400 naming each field, writing nothing (no row, event or account)', async () => {
    const programId = newId('prog');
    const plan = [
      { trancheNo: 1, percent: 30, milestone: '项目启动', dueAfterDays: 0 },
      { trancheNo: 2, percent: 60, milestone: '结项验收', dueAfterDays: 90 },
    ];
    const bad = programBody({
      tranchePlan: plan,
      category: 'service-purchase',
      period: { from: '2026-06-01', to: '2026-01-01' },
    });
    const refused = await call<{ problems: { path: string }[] }>(
      svc,
      'PUT',
      `/programs/${programId}`,
      funderAdmin(),
      bad,
    );
    expect(refused.status).toBe(400);
    expect(refused.body.problems.map((problem) => problem.path).sort()).toEqual([
      '/body/category',
      '/body/period/to',
      '/body/tranchePlan',
    ]);
    const eligibility = { ...(programBody().eligibility as object), organizationTypes: ['church'] };
    const shapeless = programBody({ bonus: true, eligibility, policies: { award: { quorum: 'most' } } });
    const schemaRefused = await call<{ problems: { path: string }[] }>(
      svc,
      'PUT',
      `/programs/${programId}`,
      funderAdmin(),
      shapeless,
    );
    expect(schemaRefused.status).toBe(400);
    const schemaPaths = schemaRefused.body.problems.map((problem) => problem.path);
    expect(schemaPaths).toEqual(expect.arrayContaining(['/body/bonus', '/body/eligibility/organizationTypes/0']));
    expect(schemaPaths.some((path) => path.startsWith('/body/policies/award'))).toBe(true);
    const free = programBody({ budget: { amountFen: 0, currency: 'CNY' } });
    const zero = await call<{ problems: { path: string }[] }>(
      svc,
      'PUT',
      `/programs/${programId}`,
      funderAdmin(),
      free,
    );
    expect(zero.status).toBe(400);
    expect(zero.body.problems.map((problem) => problem.path)).toEqual(['/body/budget/amountFen']);
    expect(await programRows(programId)).toEqual([]);
    expect(await svc.outboxOf(programId)).toEqual([]);
    expect(await balances(programId)).toEqual({});
    // governance names the program's policies `program.<id>.milestone-verification`, an Id of ≤ 128 characters
    const longId = 'p'.repeat(98);
    const tooLong = await call<{ problems: { path: string }[] }>(
      svc,
      'PUT',
      `/programs/${longId}`,
      funderAdmin(),
      programBody(),
    );
    expect(tooLong.status).toBe(400);
    expect(tooLong.body.problems.map((problem) => problem.path)).toEqual(['/params/programId']);
    expect(await programRows(longId)).toEqual([]);
    const badQuery = await call<{ problems: { path: string }[] }>(svc, 'GET', '/programs?status=paused', auditor());
    expect(badQuery.status).toBe(400);
    expect(badQuery.body.problems.map((problem) => problem.path)).toEqual(['/query/status']);
  });

  it('lets only a funder-admin of the program’s funder open or change it (401 without a token, 403 others)', async () => {
    const programId = newId('prog');
    expect((await call(svc, 'PUT', `/programs/${programId}`, null, programBody())).status).toBe(401);
    expect((await call(svc, 'PUT', `/programs/${programId}`, funderStaff(), programBody())).status).toBe(403);
    expect((await call(svc, 'PUT', `/programs/${programId}`, funderAdmin(OTHER_FUNDER), programBody())).status).toBe(
      403,
    );
    expect(await programRows(programId)).toEqual([]);

    const program = await openProgram(svc, { programId });
    // funder Y's admin, naming itself as the funder of funder X's program
    const taken = programBody({ funderId: OTHER_FUNDER, title: '改名' });
    const refused = await call<{ message: string }>(
      svc,
      'PUT',
      `/programs/${program.programId}`,
      funderAdmin(OTHER_FUNDER),
      taken,
    );
    expect(refused.status).toBe(403);
    expect(refused.body.message).toContain(`funder-admin for ${FUNDER}`);
    expect((await call(svc, 'POST', `/programs/${programId}/close`, funderAdmin(OTHER_FUNDER))).status).toBe(403);
    expect(await programRows(programId)).toEqual([expect.objectContaining({ revision: 1, status: 'open' })]);
    expect(await eventTypes(programId)).toEqual([OPENED]);
  });

  it('refuses a budget cut below what grants reserved: 409 insufficient-funds naming available, nothing written', async () => {
    const program = await openProgram(svc, { budget: { amountFen: 10_000_000, currency: 'CNY' } });
    const grantId = newId('grant');
    await svc.app.get<DataSource>(getDataSourceToken()).transaction(async (manager) => {
      const ledger = svc.app.get(Ledger);
      await ledger.openGrantAccounts(manager, grantId, 'CNY', 6_000_000);
      await ledger.post(manager, reserveGrant(program.programId, grantId, { amountFen: 6_000_000, currency: 'CNY' }));
    });
    const cut = programBody({ budget: { amountFen: 5_000_000, currency: 'CNY' } });
    const refused = await call(svc, 'PUT', `/programs/${program.programId}`, funderAdmin(), cut);
    expect(refused.status).toBe(409);
    expect(refused.body).toMatchObject({
      code: 'insufficient-funds',
      account: programAccountId(program.programId, 'available'),
      balanceFen: 4_000_000,
      requestedFen: 5_000_000,
    });
    expect(await programRows(program.programId)).toEqual([
      expect.objectContaining({ revision: 1, budget_fen: '10000000' }),
    ]);
    expect(await eventTypes(program.programId)).toEqual([OPENED]);

    const allowed = programBody({ budget: { amountFen: 6_000_000, currency: 'CNY' } });
    expect((await call(svc, 'PUT', `/programs/${program.programId}`, funderAdmin(), allowed)).status).toBe(200);
    expect(await balances(program.programId)).toEqual({ source: 6_000_000, available: 0 });
    const reserved = grantAccountId(grantId, 'reserved');
    const manager = svc.app.get<DataSource>(getDataSourceToken()).manager;
    expect((await svc.app.get(Ledger).balances(manager, [reserved])).get(reserved)?.balanceFen).toBe(6_000_000);
  });

  it('closes once (program.updated, closed), then refuses changes (409) and publishes nothing more', async () => {
    const program = await openProgram(svc);
    const closed = await call(svc, 'POST', `/programs/${program.programId}/close`, funderAdmin());
    expect(closed.status).toBe(200);
    expect(closed.body).toMatchObject({ status: 'closed', revision: 2 });
    expect((await call(svc, 'POST', `/programs/${program.programId}/close`, funderAdmin())).body).toMatchObject({
      revision: 2,
    });
    const changed = await call(
      svc,
      'PUT',
      `/programs/${program.programId}`,
      funderAdmin(),
      programBody({ title: '新' }),
    );
    expect(changed.status).toBe(409);
    expect(changed.body).toMatchObject({ code: 'program-closed' });
    expect(await eventTypes(program.programId)).toEqual([OPENED, UPDATED]);
    expect((await svc.outboxOf(program.programId))[1]?.data).toMatchObject({ status: 'closed', revision: 2 });
    expect((await call(svc, 'POST', `/programs/${newId('prog')}/close`, funderAdmin())).status).toBe(404);
  });

  it('shows a program whole to its funder and auditors, open ones’ public facts to organizations, none to others', async () => {
    const funder = `funder:${newId('fund')}`;
    const open = await openProgram(svc, { funderId: funder, mode: 'indirect', category: 'service-purchase' });
    const closing = await openProgram(svc, { funderId: funder });
    await call(svc, 'POST', `/programs/${closing.programId}/close`, funderAdmin(funder));

    const whole = await call(svc, 'GET', `/programs/${open.programId}`, funderStaff(funder));
    expect(whole.body).toMatchObject({ programId: open.programId, votingMode: 'rules', autoAward: false });
    expect((await call(svc, 'GET', `/programs/${open.programId}`, auditor())).body).toMatchObject({
      votingMode: 'rules',
    });
    const shown = await call(svc, 'GET', `/programs/${open.programId}`, orgAdmin('org-any'));
    expect(shown.status).toBe(200);
    expect(shown.body).toMatchObject({ programId: open.programId, tranchePlan: expect.any(Array) });
    expect(shown.body).not.toHaveProperty('votingMode');
    expect((await call(svc, 'GET', `/programs/${closing.programId}`, orgAdmin('org-any'))).status).toBe(404);
    expect((await call(svc, 'GET', `/programs/${open.programId}`, funderStaff(OTHER_FUNDER))).status).toBe(404);
    expect((await call(svc, 'GET', `/programs/${open.programId}`, { sub: 'x', parties: [], roles: [] })).status).toBe(
      403,
    );

    const ids = (reply: { body: unknown }) => (reply.body as { programId: string }[]).map((p) => p.programId).sort();
    const mine = await call(svc, 'GET', '/programs', funderAdmin(funder));
    expect(ids(mine)).toEqual([open.programId, closing.programId].sort());
    expect(ids(await call(svc, 'GET', `/programs?funderId=${funder}&status=closed`, auditor()))).toEqual([
      closing.programId,
    ]);
    expect(ids(await call(svc, 'GET', `/programs?funderId=${funder}&mode=indirect`, auditor()))).toEqual([
      open.programId,
    ]);
    expect(ids(await call(svc, 'GET', `/programs?funderId=${funder}`, orgAdmin('org-any')))).toEqual([open.programId]);
    expect(ids(await call(svc, 'GET', `/programs?funderId=${funder}`, funderAdmin(OTHER_FUNDER)))).toEqual([]);
  });
});

describe('the organizations read model', () => {
  const row = async (organizationId: string) =>
    (
      await svc.query(`SELECT * FROM ${svc.schema}.funding_organization WHERE organization_id = $1`, [organizationId])
    )[0];

  it('keeps the newest revision of organization.registered/updated, a deregistered one too', async () => {
    const { organizationId } = await registerOrganization(svc, { type: 'social-work-agency' });
    expect(await row(organizationId)).toMatchObject({
      type: 'social-work-agency',
      status: 'registered',
      grade: '4A',
      revision: 1,
    });
    await registerOrganization(svc, { organizationId, revision: 3, status: 'deregistered', grade: null }, 'updated');
    expect(await row(organizationId)).toMatchObject({
      status: 'deregistered',
      grade: null,
      grade_valid_until: null,
      revision: 3,
    });
    const stale = await svc.publish(contextTopic('organization'), 'sanshe/organization', {
      type: 'sanshe.organization.organization.updated.v1',
      subject: organizationId,
      data: { ...organizationRegistered.example, organizationId, status: 'registered', revision: 2 },
    });
    await consumed(stale.id);
    expect(await row(organizationId)).toMatchObject({ status: 'deregistered', revision: 3 });
  });

  it('dead-letters an organization event from another channel than the organization service’s', async () => {
    const organizationId = newId('org');
    const deadLettered = svc.app.get(InboxService).processor.counts['dead-lettered'];
    await svc.publish(contextTopic('organization'), 'portal/xuhui-civil-affairs', {
      type: 'sanshe.organization.organization.registered.v1',
      subject: organizationId,
      data: { ...organizationRegistered.example, organizationId, status: 'registered' },
    });
    // A dead-lettered event leaves no inbox row: the dead-letter count is the barrier.
    await eventually(
      () => expect(svc.app.get(InboxService).processor.counts['dead-lettered']).toBeGreaterThan(deadLettered),
      { timeoutMs: 20_000 },
    );
    expect(await row(organizationId)).toBeUndefined();
  });
});
