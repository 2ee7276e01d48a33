import { randomInt } from 'node:crypto';
import { Client as PgClient } from 'pg';
import { devToken, eventually, parseTestEnv, uniqueName } from '@sanshe/testing';
import { talentBesideGovernance } from './talent-beside-governance';

/**
 * The talent service and governance as they run (two processes) on the real Kafka, PostgreSQL and
 * Temporal: hours recorded through talent's API start governance's `hours/<hoursId>`; the community stays
 * silent past a short confirmBy (TALENT_HOURS_CONFIRM_HOURS), so governance's workflow has talent's
 * Temporal worker record them — confirmed by silence, once, with one talent.hours.confirmed; and a talent
 * process SIGKILLed before its worker took the recording activity delays it, never loses or repeats it.
 */
const C = `310104-097-${randomInt(100, 1000)}`;
const ORG = uniqueName('org-e2e');
const portal = uniqueName('street').toLowerCase();
const CONFIRM_HOURS = 0.0015; // 5.4 s
const WAIT = { timeoutMs: 40_000, intervalMs: 300 };

describe('talent’s hours through governance’s two-party confirmation and back', () => {
  const e2e = talentBesideGovernance('talent-linkage', {
    portal,
    talentEnv: { TALENT_HOURS_CONFIRM_HOURS: String(CONFIRM_HOURS) },
  });
  const db = new PgClient({ connectionString: parseTestEnv(process.env).DATABASE_URL });
  let admin = '';
  const talent = (path: string, method = 'GET', body?: unknown) =>
    e2e.call(`${e2e.talentUrl()}${path}`, method, admin, body);
  const count = async (schema: string, type: string, subject: string) =>
    Number(
      (
        await db.query<{ n: string }>(
          `SELECT count(*) AS n FROM ${schema}.outbox WHERE event_type = $1 AND (payload::jsonb)->>'subject' = $2`,
          [type, subject],
        )
      ).rows[0]?.n,
    );

  beforeAll(async () => {
    await db.connect();
    admin = await devToken({
      sub: uniqueName('admin'),
      parties: [`organization:${ORG}`],
      roles: ['organization-admin'],
    });
  });
  afterAll(async () => {
    await db.end();
  });

  const recordHours = async (workerId: string) => {
    const posted = await talent('/hours', 'POST', {
      workerId,
      activityId: uniqueName('act'),
      communityCode: C,
      servedOn: '2026-11-20',
      minutes: 95,
    });
    expect(posted.status).toBe(201);
    expect(posted.body).toMatchObject({ status: 'recorded' });
    return String(posted.body.hoursId);
  };
  const volunteer = async () => {
    const workerId = uniqueName('vol');
    const put = await talent(`/workers/${workerId}`, 'PUT', { organizationId: ORG, kind: 'volunteer', name: '王小明' });
    expect(put.status).toBe(201);
    return workerId;
  };

  it('recorded hours the community leaves unanswered past confirmBy are confirmed by silence, once', async () => {
    const workerId = await volunteer();
    const hoursId = await recordHours(workerId);

    await eventually(async () => {
      expect((await talent(`/hours/${hoursId}`)).body).toMatchObject({ status: 'confirmed', confirmedBy: 'silence' });
    }, WAIT);
    expect(await count('talent', 'sanshe.talent.hours.recorded.v1', hoursId)).toBe(1);
    expect(await count('talent', 'sanshe.talent.hours.confirmed.v1', hoursId)).toBe(1);
    const bank = await talent(`/workers/${workerId}/time-bank`);
    expect(bank.body).toMatchObject({ confirmedMinutes: 95 });
  }, 60_000);

  it('a talent process SIGKILLed before the recording activity is taken records the hours once after its restart', async () => {
    const workerId = await volunteer();
    const hoursId = await recordHours(workerId);
    await e2e.crashTalent(async () => {
      // Down past confirmBy: governance's workflow schedules the recording with no live talent worker. The
      // server may still hand it to the dead worker's open poll: then it times out (startToClose 30 s) and is
      // retried — either way the restarted process records it, once.
      const workflow = e2e.governance.temporal.workflow.getHandle(`hours/${hoursId}`);
      await eventually(async () => {
        const pending = (await workflow.describe()).raw.pendingActivities ?? [];
        expect(pending.map((a) => a.activityType?.name)).toEqual(['recordConfirmedHours']);
      }, WAIT);
      expect((await talent(`/hours/${hoursId}`).catch(() => ({ status: 0 }))).status).toBe(0); // talent is down
    });
    await eventually(async () => {
      expect((await talent(`/hours/${hoursId}`)).body).toMatchObject({ status: 'confirmed', confirmedBy: 'silence' });
    }, WAIT);
    expect(await count('talent', 'sanshe.talent.hours.confirmed.v1', hoursId)).toBe(1);
  }, 90_000);
});
