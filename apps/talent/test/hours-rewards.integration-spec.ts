import { getDataSourceToken } from '@nestjs/typeorm';
import { Client, Connection } from '@temporalio/client';
import { ApplicationFailure } from '@temporalio/common';
import { NativeConnection, Worker } from '@temporalio/worker';
import type { DataSource } from 'typeorm';
import { contextTopic, ratingUpdated, type SansheEvent } from '@sanshe/contracts';
import { qualifiedTable } from '@sanshe/persistence';
import { eventually, parseTestEnv, uniqueName, testWorkflowCode } from '@sanshe/testing';
import {
  type HoursConfirmationInput,
  type HoursConfirmationWorkflow,
  hoursWorkflowId,
  WORKFLOWS_PATH,
} from '@sanshe/workflows';
import { TalentActivities } from '../src/hours/infrastructure/talent-activities';
import { RewardsLedger } from '../src/rewards/domain/rewards-ledger';
import { type TalentUnderTest, startTalentUnderTest } from './talent-test-app';
import {
  auditor,
  call,
  COMMUNITY,
  newId,
  orgAdmin,
  orgStaff,
  registerWorker,
  talentAdmin,
  workerBody,
} from './talent.fixtures';

/**
 * Hours, the time bank and the rewards ledger on the real PostgreSQL and Kafka: an organization records
 * hours (one hours.recorded), governance's workflow settles them through talent's activities (called here
 * directly, as its worker would, twice and at once: one hours.confirmed), and the points, the time bank,
 * the star levels, redemptions and recognitions follow from the ledger, which is append-only.
 */
let svc: TalentUnderTest;
const ORG = newId('org');
const OTHER = newId('org');
const RECORDED = 'sanshe.talent.hours.recorded.v1';
const CONFIRMED = 'sanshe.talent.hours.confirmed.v1';
const REJECTED = 'sanshe.talent.hours.rejected.v1';
const AWARDED = 'sanshe.talent.recognition.awarded.v1';

interface HoursView {
  hoursId: string;
  status: string;
  confirmedBy: string | null;
  confirmBy: string;
  recordedAt: string;
  warnings: { code: string }[];
}
interface Account {
  balance: number;
  entries: { kind: string; points: number; cause: { type: string; id: string }; recognition: string | null }[];
}

const activities = () => svc.app.get(TalentActivities);
const table = (name: string) => qualifiedTable(svc.schema, name);
const eventsOf = async (subject: string, type: string) => (await svc.outboxOf(subject)).filter((e) => e.type === type);
const volunteer = (organizationId = ORG) =>
  registerWorker(svc, organizationId, { kind: 'volunteer', level: undefined, certificate: undefined });
const account = async (workerId: string) =>
  (await call<Account>(svc, 'GET', `/workers/${workerId}/rewards`, orgStaff(ORG))).body;

let day = 0;
/** A distinct day per record (one record per worker, activity and day). */
const nextDay = () => new Date(Date.UTC(2026, 0, 1) + day++ * 86_400_000).toISOString().slice(0, 10);

async function record(workerId: string, minutes: number, overrides: Record<string, unknown> = {}) {
  const body = { workerId, activityId: 'act-h-1', communityCode: COMMUNITY, servedOn: nextDay(), minutes };
  return call<HoursView>(svc, 'POST', '/hours', orgStaff(ORG), { ...body, ...overrides });
}

async function confirmed(workerId: string, minutes: number): Promise<string> {
  const { status, body } = await record(workerId, minutes);
  expect(status).toBe(201);
  await expect(activities().recordConfirmedHours({ hoursId: body.hoursId, confirmedBy: 'silence' })).resolves.toBe(
    'recorded',
  );
  return body.hoursId;
}

beforeAll(async () => {
  svc = await startTalentUnderTest();
}, 60_000);

afterAll(() => svc?.close());

describe('recording hours', () => {
  it('records once: one hours.recorded, confirmBy 168 h after, a warning for an activity not yet known', async () => {
    const { workerId } = await volunteer();
    const first = await record(workerId, 95, { servedOn: '2026-11-20', sessionId: 'act-h-1-s1' });
    expect(first.status).toBe(201);
    expect(first.body).toMatchObject({ status: 'recorded', confirmedBy: null, workerKind: 'volunteer' });
    expect(first.body.warnings.map((w) => w.code)).toEqual(['activity-not-yet-known']);
    expect(Date.parse(first.body.confirmBy) - Date.parse(first.body.recordedAt)).toBe(168 * 3_600_000);

    const again = await record(workerId, 95, { servedOn: '2026-11-20', sessionId: 'act-h-1-s1' });
    expect(again.status).toBe(409);
    expect(again.body).toMatchObject({ code: 'hours-already-recorded', hoursId: first.body.hoursId });

    const events = await eventsOf(first.body.hoursId, RECORDED);
    expect(events.map((e) => e.data)).toEqual([
      {
        hoursId: first.body.hoursId,
        workerId,
        workerKind: 'volunteer',
        organizationId: ORG,
        activityId: 'act-h-1',
        communityCode: COMMUNITY,
        servedOn: '2026-11-20',
        minutes: 95,
        sessionId: 'act-h-1-s1',
        confirmBy: first.body.confirmBy,
      },
    ]);
    const rows = await svc.query(`SELECT 1 FROM ${table('hours_record')} WHERE worker_id = $1`, [workerId]);
    expect(rows).toHaveLength(1);
  });

  it('takes a scheduled activity of the worker’s organization without warning, refuses another’s or one elsewhere (409)', async () => {
    const { workerId } = await volunteer();
    const [ours, theirs] = [newId('act'), newId('act')];
    for (const [activityId, organizationId] of [
      [ours, ORG],
      [theirs, OTHER],
    ]) {
      await svc.query(
        `INSERT INTO ${table('talent_activity')} (activity_id, proposal_id, organization_id, community_code, sessions)
         VALUES ($1, $2, $3, $4, '[]')`,
        [activityId, newId('prop'), organizationId, COMMUNITY],
      );
    }
    const known = await record(workerId, 60, { activityId: ours });
    expect(known.status).toBe(201);
    expect(known.body.warnings).toEqual([]);
    const foreign = await record(workerId, 60, { activityId: theirs });
    expect(foreign.status).toBe(409);
    expect(foreign.body).toMatchObject({ code: 'activity-of-another-organization' });
    const elsewhere = await record(workerId, 60, { activityId: ours, communityCode: '310104-005-009' });
    expect(elsewhere.status).toBe(409);
    expect(elsewhere.body).toMatchObject({ code: 'activity-in-another-community' });
  });

  it('answers 400 naming each field, 401, 403 and 404, writing nothing', async () => {
    const { workerId } = await volunteer();
    // Hours events, and any event naming this worker: the service also answers other suites' events meanwhile
    // (their proposals' staffing votes), which counting every row took for writes (a loaded CI run: 5 → 7).
    const outboxRows = async () =>
      (
        await svc.query(
          `SELECT 1 FROM ${table('outbox')} WHERE event_type LIKE 'sanshe.talent.hours.%' OR strpos(payload, $1) > 0`,
          [workerId],
        )
      ).length;
    const before = await outboxRows();
    const bad = await call<{ problems: { path: string }[] }>(svc, 'POST', '/hours', orgStaff(ORG), {
      workerId,
      activityId: 'act 1',
      communityCode: '310104-5-1',
      servedOn: '2026-13-01',
      minutes: 1441,
      note: 'x',
    });
    expect(bad.status).toBe(400);
    const paths = bad.body.problems.map((p) => p.path);
    for (const path of ['/body/activityId', '/body/communityCode', '/body/servedOn', '/body/minutes', '/body/note']) {
      expect(paths).toContain(path);
    }
    expect((await record(workerId, 0)).body).toMatchObject({ problems: [{ path: '/body/minutes' }] });
    const body = { workerId, activityId: 'act-h-1', communityCode: COMMUNITY, servedOn: nextDay(), minutes: 60 };
    expect((await call(svc, 'POST', '/hours', null, body)).status).toBe(401);
    expect((await call(svc, 'POST', '/hours', orgStaff(OTHER), body)).status).toBe(403);
    expect((await call(svc, 'POST', '/hours', auditor(), body)).status).toBe(403);
    expect((await call(svc, 'POST', '/hours', talentAdmin(), body)).status).toBe(403);
    expect((await record(newId('nobody'), 60)).status).toBe(404);
    expect(await svc.query(`SELECT 1 FROM ${table('hours_record')} WHERE worker_id = $1`, [workerId])).toEqual([]);
    expect(await outboxRows()).toBe(before);
  });

  it('refuses hours of a worker who left (409 worker-not-active)', async () => {
    const { workerId } = await volunteer();
    const volunteerBody = { kind: 'volunteer', level: undefined, certificate: undefined };
    const leaving = workerBody(ORG, { ...volunteerBody, status: 'left', leftOn: '2026-10-01' });
    expect((await call(svc, 'PUT', `/workers/${workerId}`, orgAdmin(ORG), leaving)).status).toBe(200);
    const refused = await record(workerId, 60);
    expect(refused.status).toBe(409);
    expect(refused.body).toMatchObject({ code: 'worker-not-active' });
    expect(await svc.query(`SELECT 1 FROM ${table('hours_record')} WHERE worker_id = $1`, [workerId])).toEqual([]);
  });
});

describe('settling hours through talent’s activities', () => {
  it('confirms once however often and concurrently called: one hours.confirmed, then already', async () => {
    const { workerId } = await volunteer();
    const { body } = await record(workerId, 95);
    const input = { hoursId: body.hoursId, confirmedBy: 'community' as const };
    const results = await Promise.all([1, 2, 3].map(() => activities().recordConfirmedHours(input)));
    expect(results.sort()).toEqual(['already', 'already', 'recorded']);
    await expect(activities().recordConfirmedHours(input)).resolves.toBe('already');

    const events = await eventsOf(body.hoursId, CONFIRMED);
    expect(events).toHaveLength(1);
    expect(events[0]?.data).toMatchObject({ hoursId: body.hoursId, workerId, minutes: 95, confirmedBy: 'community' });
    const one = await call<HoursView>(svc, 'GET', `/hours/${body.hoursId}`, auditor());
    expect(one.body).toMatchObject({ status: 'confirmed', confirmedBy: 'community' });

    const bank = await call(svc, 'GET', `/workers/${workerId}/time-bank`, orgAdmin(ORG));
    expect(bank.body).toMatchObject({ workerId, confirmedMinutes: 95, confirmedHours: 1.58 });
    const rewards = await account(workerId);
    expect(rewards.balance).toBe(15); // 95 min × 10 / 60 = 15.83…
    expect(rewards.entries).toEqual([
      expect.objectContaining({ kind: 'earned', points: 15, cause: { type: 'hours', id: body.hoursId } }),
    ]);
  });

  it('refuses the opposite outcome or a malformed id without retries, and retries hours it does not know', async () => {
    const { workerId } = await volunteer();
    const hoursId = await confirmed(workerId, 60);
    const contrary = activities().rejectHours({ hoursId, decisionId: `decision/hours-dispute/${hoursId}` });
    await expect(contrary).rejects.toMatchObject({ type: 'hours-settled-otherwise', nonRetryable: true });
    expect(await eventsOf(hoursId, REJECTED)).toEqual([]);

    const waiting = (await record(workerId, 30)).body.hoursId;
    const malformed = activities().rejectHours({ hoursId: waiting, decisionId: 'hours-dispute' });
    await expect(malformed).rejects.toMatchObject({ type: 'hours-input-invalid', nonRetryable: true });
    expect((await call<HoursView>(svc, 'GET', `/hours/${waiting}`, auditor())).body.status).toBe('recorded');

    const unknown = activities().recordConfirmedHours({ hoursId: newId('hours'), confirmedBy: 'silence' });
    await expect(unknown).rejects.toBeInstanceOf(ApplicationFailure);
    await expect(unknown).rejects.toMatchObject({ nonRetryable: false });
  });

  it('rejects once: hours.rejected, no points, nothing in the time bank', async () => {
    const { workerId } = await volunteer();
    const { body } = await record(workerId, 120);
    const input = { hoursId: body.hoursId, decisionId: `decision/hours-dispute/${body.hoursId}` };
    await expect(activities().rejectHours(input)).resolves.toBe('rejected');
    await expect(activities().rejectHours(input)).resolves.toBe('already');
    expect(await eventsOf(body.hoursId, REJECTED)).toHaveLength(1);
    expect(await eventsOf(body.hoursId, CONFIRMED)).toEqual([]);
    const bank = await call(svc, 'GET', `/workers/${workerId}/time-bank`, orgStaff(ORG));
    expect(bank.body).toMatchObject({ confirmedMinutes: 0, entries: [] });
    expect(await account(workerId)).toEqual({ workerId, balance: 0, entries: [] });
  });

  it('awards a star volunteer level once, when confirmed hours reach 100', async () => {
    const { workerId } = await volunteer();
    const hours: string[] = [];
    for (let i = 0; i < 5; i++) hours.push(await confirmed(workerId, 1199)); // 5995 min: 99.9 h
    expect(await eventsOf(workerId, AWARDED)).toEqual([]);
    const reaching = await confirmed(workerId, 5); // 6000 min = 100 h
    await confirmed(workerId, 60);

    const awarded = await eventsOf(workerId, AWARDED);
    expect(awarded.map((e: SansheEvent) => e.data)).toEqual([
      { workerId, organizationId: ORG, recognition: 'star-volunteer-1', cause: { type: 'hours', id: reaching } },
    ]);
    const { balance, entries } = await account(workerId);
    expect(balance).toBe(5 * 199 + 0 + 10); // 1199 min → 199 points each, 5 min → 0, 60 min → 10
    expect(entries.filter((e) => e.kind === 'recognition')).toEqual([
      expect.objectContaining({ points: 0, recognition: 'star-volunteer-1', cause: { type: 'hours', id: reaching } }),
    ]);
  });
  it('awards the level reached by confirmations at once, which none alone would reach', async () => {
    const { workerId } = await volunteer();
    for (let i = 0; i < 5; i++) await confirmed(workerId, 1180); // 5900 min: 98.3 h
    const waiting: string[] = [];
    for (let i = 0; i < 4; i++) waiting.push((await record(workerId, 30)).body.hoursId);
    // Each sees its own 30 min: 5930. Only the ledger's lock lets the last see all four: 6020 min, 100.3 h.
    await Promise.all(waiting.map((hoursId) => activities().recordConfirmedHours({ hoursId, confirmedBy: 'silence' })));
    const awarded = await eventsOf(workerId, AWARDED);
    expect(awarded.map((e) => (e.data as { recognition: string }).recognition)).toEqual(['star-volunteer-1']);
  });
});

describe('through Temporal', () => {
  it('the hours workflow, silent past confirmBy, records the hours once through talent’s activities', async () => {
    const servers = parseTestEnv(process.env);
    const { TEMPORAL_ADDRESS: address, TEMPORAL_NAMESPACE: namespace } = servers;
    const taskQueue = uniqueName('talent-hours-test'); // the workflow's and talent's, owned by this test
    const connection = await NativeConnection.connect({ address });
    const worker = await Worker.create({
      connection,
      namespace,
      taskQueue,
      ...testWorkflowCode(WORKFLOWS_PATH),
      activities: activities().activities(), // what talent's worker registers (hours.module.ts)
    });
    const client = new Client({ connection: await Connection.connect({ address }), namespace });
    try {
      const { workerId } = await volunteer();
      const { body } = await record(workerId, 90);
      const [recorded] = await eventsOf(body.hoursId, RECORDED);
      const hours = recorded?.data as unknown as Omit<HoursConfirmationInput, 'openedBy'>;
      const input = { ...hours, confirmBy: new Date(Date.now() + 1_000).toISOString(), talentTaskQueue: taskQueue };
      const outcome = await worker.runUntil(
        client.workflow.execute<HoursConfirmationWorkflow>('hoursConfirmationWorkflow', {
          workflowId: hoursWorkflowId(body.hoursId),
          taskQueue,
          args: [{ ...input, openedBy: { eventId: `${RECORDED}:${body.hoursId}`, type: RECORDED } }],
        }),
      );
      expect(outcome).toEqual({ result: 'confirmed', confirmedBy: 'silence' });
      const one = await call<HoursView>(svc, 'GET', `/hours/${body.hoursId}`, auditor());
      expect(one.body).toMatchObject({ status: 'confirmed', confirmedBy: 'silence' });
      expect(await eventsOf(body.hoursId, CONFIRMED)).toHaveLength(1);
      expect((await account(workerId)).balance).toBe(15); // 90 min × 10 / 60
    } finally {
      await client.connection.close();
      await connection.close();
    }
  }, 90_000);
});

describe('the rewards ledger', () => {
  it('refuses UPDATE, DELETE and TRUNCATE: it is append-only', async () => {
    const { workerId } = await volunteer();
    await confirmed(workerId, 60);
    const entries = table('reward_entry');
    await expect(svc.query(`UPDATE ${entries} SET points = 1000 WHERE worker_id = $1`, [workerId])).rejects.toThrow(
      'reward_entry is append-only: UPDATE refused',
    );
    await expect(svc.query(`DELETE FROM ${entries} WHERE worker_id = $1`, [workerId])).rejects.toThrow(
      'reward_entry is append-only: DELETE refused',
    );
    await expect(svc.query(`TRUNCATE ${entries}`)).rejects.toThrow('reward_entry is append-only: TRUNCATE refused');
    expect((await account(workerId)).balance).toBe(10);
  });

  it('never overdraws under ten concurrent redemptions', async () => {
    const { workerId } = await volunteer();
    await confirmed(workerId, 120); // 20 points
    const redeem = (points: number, who = orgAdmin(ORG)) =>
      call<{ code?: string; balance?: number }>(svc, 'POST', `/workers/${workerId}/redemptions`, who, {
        points,
        item: '社区超市兑换券',
      });
    const replies = await Promise.all(Array.from({ length: 10 }, () => redeem(3)));
    expect(replies.filter((r) => r.status === 201)).toHaveLength(6); // 6 × 3 = 18 ≤ 20
    const refused = replies.filter((r) => r.status === 409);
    expect(refused).toHaveLength(4);
    expect(refused.every((r) => r.body.code === 'insufficient-points')).toBe(true);
    const { balance, entries } = await account(workerId);
    expect(balance).toBe(2);
    expect(entries.filter((e) => e.kind === 'redeemed').every((e) => e.points === -3)).toBe(true);

    expect((await redeem(3)).body).toMatchObject({ code: 'insufficient-points', balance: 2 });
    expect((await redeem(2, orgStaff(ORG))).status).toBe(403);
    expect((await redeem(2, orgAdmin(OTHER))).status).toBe(403);
    expect((await redeem(2, talentAdmin())).status).toBe(201);
    const tooLong = await call(svc, 'POST', `/workers/${workerId}/redemptions`, orgAdmin(ORG), {
      points: 0,
      item: 'x'.repeat(201),
    });
    expect(tooLong.body).toMatchObject({ problems: [{ path: '/body/points' }, { path: '/body/item' }] });
    expect((await account(workerId)).balance).toBe(0);
  });

  it('earns 2 points per hour of completed training through the port, once per completion', async () => {
    const { workerId } = await volunteer();
    const dataSource = svc.app.get<DataSource>(getDataSourceToken());
    const training = { workerId, organizationId: ORG, programId: newId('prog'), completedOn: '2026-10-15' };
    for (let i = 0; i < 2; i++) {
      await dataSource.transaction((manager) =>
        svc.app.get(RewardsLedger).earnForTraining(manager, { ...training, hours: 7.5, recordedBy: 'test' }),
      );
    }
    expect((await account(workerId)).entries).toEqual([
      expect.objectContaining({ points: 15, cause: { type: 'training', id: `${training.programId}:2026-10-15` } }),
    ]);
  });

  it('names a certified social worker social worker of the year once per year (talent-admin only)', async () => {
    const { workerId } = await registerWorker(svc, ORG);
    const award = (year: number, who = talentAdmin(), id = workerId) =>
      call(svc, 'POST', '/recognitions', who, { workerId: id, recognition: 'social-worker-of-the-year', year });
    expect((await award(2026)).status).toBe(201);
    expect((await award(2026)).body).toMatchObject({ code: 'already-recognized' });
    expect((await award(2025)).status).toBe(201);
    expect((await award(2024, orgAdmin(ORG))).status).toBe(403);
    expect((await award(2024, talentAdmin(), (await volunteer()).workerId)).body).toMatchObject({
      code: 'not-a-social-worker',
    });
    const starLevel = await call(svc, 'POST', '/recognitions', talentAdmin(), {
      workerId,
      recognition: 'star-volunteer-1',
      year: 2026,
    });
    expect(starLevel.status).toBe(400);

    const awarded = await eventsOf(workerId, AWARDED);
    expect(
      awarded.map((e) => e.data as { recognition: string; year?: number }).map((d) => [d.recognition, d.year]),
    ).toEqual([
      ['social-worker-of-the-year', 2026],
      ['social-worker-of-the-year', 2025],
    ]);
  });

  it('earns 20 for a final activity score of 4.50 or more to each worker assigned, never for a provisional one', async () => {
    const [assigned, released] = [await volunteer(), await volunteer()];
    const activityId = newId('act');
    await svc.query(
      `INSERT INTO ${table('talent_activity')} (activity_id, proposal_id, organization_id, community_code, sessions)
       VALUES ($1, $2, $3, $4, '[]')`,
      [activityId, newId('prop'), ORG, COMMUNITY],
    );
    for (const [worker, status] of [
      [assigned.workerId, 'active'],
      [released.workerId, 'released'],
    ]) {
      await svc.query(
        `INSERT INTO ${table('assignment')} (assignment_id, activity_id, worker_id, role, during, status, assigned_by)
         VALUES ($1, $2, $3, 'volunteer', tstzrange('2026-12-01 09:00+08', '2026-12-01 11:00+08'), $4, 'test')`,
        [newId('asg'), activityId, worker, status],
      );
    }
    const rating = (revision: number, score: number, provisional: boolean) =>
      svc.publish(contextTopic('community'), 'sanshe/community', {
        type: 'sanshe.community.rating.updated.v1',
        subject: ORG,
        id: `sanshe.community.rating.updated.v1:${ORG}:${revision}`,
        data: {
          ...ratingUpdated.example,
          organizationId: ORG,
          revision,
          activity: { ...ratingUpdated.example.activity, activityId, score, provisional },
        },
      });
    await rating(1, 4.8, true);
    await rating(2, 4.6, false);
    await rating(3, 4.6, false); // the same final score published again earns nothing more
    await eventually(async () => {
      const inbox = await svc.query(`SELECT 1 FROM ${table('inbox')} WHERE event_id LIKE $1`, [`%:${ORG}:3`]);
      expect(inbox).toHaveLength(1);
    });
    expect((await account(assigned.workerId)).entries).toEqual([
      expect.objectContaining({ kind: 'earned', points: 20, cause: { type: 'evaluation', id: activityId } }),
    ]);
    expect((await account(released.workerId)).balance).toBe(0);
  });
});
