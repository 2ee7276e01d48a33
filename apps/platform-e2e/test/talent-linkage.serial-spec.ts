import { randomInt } from 'node:crypto';
import { Client as PgClient } from 'pg';
import { contextTopic, type DecisionPolicyInput } from '@sanshe/contracts';
import { devToken, DISTRICT_POLICY_ADMIN, eventually, parseTestEnv, uniqueName } from '@sanshe/testing';
import { decisionWorkflowId, stateQuery } from '@sanshe/workflows';
import { removePoliciesAfterAll } from './governance-under-test';
import { talentBesideGovernance } from './talent-beside-governance';

/**
 * The talent service and governance as they run (two processes) on the real Kafka, PostgreSQL and
 * Temporal: an elderly-care proposal short of certified social workers draws the talent party's automatic
 * objection with its reason, and its amendment the talent party's approval in round 2; hours recorded through talent's API start governance's `hours/<hoursId>`; the community stays
 * silent past a short confirmBy (TALENT_HOURS_CONFIRM_HOURS), so governance's workflow has talent's
 * Temporal worker record them — confirmed by silence, once, with one talent.hours.confirmed; and a talent
 * process SIGKILLed before its worker took the recording activity delays it, never loses or repeats it.
 */
const C = `310104-097-${randomInt(100, 1000)}`;
const ORG = uniqueName('org-e2e');
const portal = uniqueName('street').toLowerCase();
const CONFIRM_HOURS = 0.0015; // 5.4 s
const WAIT = { timeoutMs: 40_000, intervalMs: 300 };
const TALENT = 'talent:e2e-social-workers';
const seat = (partyId: string, kind: string) => ({ partyId, kind, title: kind, weight: 1, voteWindowHours: 1 });
const policy: DecisionPolicyInput = {
  policyId: `activity-proposal.${C}`,
  decisionKind: 'activity-proposal',
  communityCode: C,
  title: `Talent linkage e2e ${C}`,
  parties: [seat(`community:${C}`, 'community'), seat(TALENT, 'talent'), seat('funder:e2e-welfare-fund', 'funder')],
  quorum: 2,
  deliberationHours: 1,
  maxAmendments: 1,
  escalation: [{ arbiterId: `portal:${portal}`, title: 'Street office', deadlineHours: 1, defaultOutcome: 'rejected' }],
};

describe('talent beside governance: the automatic vote, and hours confirmed by two parties', () => {
  removePoliciesAfterAll(policy.policyId);
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
    const policyAdmin = await devToken(DISTRICT_POLICY_ADMIN);
    const put = await e2e.call(`${e2e.governanceUrl()}/policies/${policy.policyId}`, 'PUT', policyAdmin, policy);
    expect(put.status).toBe(201);
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

  it('the talent party objects to 45 elderly-care participants with 2 certified social workers, and approves 3', async () => {
    const proposalId = uniqueName('prop');
    const decisionId = decisionWorkflowId('activity-proposal', proposalId);
    const organization = (event: Parameters<typeof e2e.governance.publish>[2]) =>
      e2e.governance.publish(contextTopic('organization'), 'sanshe/organization', event);
    await organization({
      type: 'sanshe.organization.proposal.submitted.v1',
      subject: proposalId,
      data: {
        ...{ proposalId, organizationId: ORG, communityCode: C, revisionNo: 1, title: '长者午餐', summary: 'e2e' },
        ...{ category: 'elderly-care', expectedParticipants: 45 },
        staffingPlan: [
          { role: 'certified-social-worker', count: 2 },
          { role: 'volunteer', count: 3 },
        ],
      },
    });
    // An open decision is read through its state query (GET /decisions/{id} serves closed ones).
    const talentVote = async () => {
      const view = await e2e.governance.temporal.workflow.getHandle(decisionId).query(stateQuery);
      return { round: view.round, vote: view.votes.find((v) => v.partyId === TALENT) };
    };
    await eventually(async () => {
      const { vote } = await talentVote();
      expect(vote).toMatchObject({
        choice: 'object',
        reason: { code: 'staffing-rule', text: expect.stringContaining('certified-ratio: 45 participants need 3') },
      });
    }, WAIT);
    await organization({
      type: 'sanshe.organization.proposal.amended.v1',
      subject: proposalId,
      data: {
        ...{ proposalId, organizationId: ORG, communityCode: C, revisionNo: 2, revision: '增加一名持证社工。' },
        staffingPlan: [
          { role: 'certified-social-worker', count: 3 },
          { role: 'volunteer', count: 3 },
        ],
      },
    });
    await eventually(
      async () => expect(await talentVote()).toMatchObject({ round: 2, vote: { choice: 'approve' } }),
      WAIT,
    );
    await e2e.governance.temporal.workflow
      .getHandle(decisionId)
      .terminate('talent-linkage e2e is over')
      .catch(() => undefined);
  }, 60_000);

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
    const workflow = e2e.governance.temporal.workflow.getHandle(`hours/${hoursId}`);
    // Crash only once governance started the workflow (talent's relay published talent.hours.recorded).
    await eventually(async () => expect((await workflow.describe()).status.name).toBe('RUNNING'), WAIT);
    await e2e.crashTalent(async () => {
      // Down past confirmBy: governance's workflow schedules the recording with no live talent worker. The
      // server may still hand it to the dead worker's open poll: then it times out (startToClose 30 s) and is
      // retried — either way the restarted process records it, once.
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
