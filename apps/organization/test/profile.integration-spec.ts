import { getDataSourceToken } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { contextTopic, type EventType, type NewEvent } from '@sanshe/contracts';
import { InboxService } from '@sanshe/messaging';
import { eventually } from '@sanshe/testing';
import { ActivityScheduling } from '../src/activities/domain/activity-scheduling';
import { auditor, call, COMMUNITY, newId, orgStaff, registerOrganization } from './organization.fixtures';
import { type OrganizationUnderTest, startOrganizationUnderTest } from './organization-test-app';

jest.setTimeout(60_000);

let svc: OrganizationUnderTest;
const ORG = newId('org-profile');
const cny = (amountFen: number) => ({ amountFen, currency: 'CNY' as const });
const published: string[] = [];
let clock = Date.parse('2026-11-20T00:00:00.000Z');

/** Publishes as `context` on its own topic, each a minute after the last (the profile's asOf reads event times). */
async function publish<T extends EventType>(
  context: 'talent' | 'funding' | 'community',
  event: Omit<NewEvent<T>, 'source' | 'time'>,
) {
  clock += 60_000;
  const sent = await svc.publish(contextTopic(context), `sanshe/${context}`, {
    ...event,
    time: new Date(clock),
  } as Omit<NewEvent<T>, 'source'>);
  published.push(sent.id);
  return sent;
}

const worker = (workerId: string, kind: string, level: string | null, revision: number, status = 'active') =>
  publish('talent', {
    type: revision === 1 ? 'sanshe.talent.worker.registered.v1' : 'sanshe.talent.worker.updated.v1',
    id: `talent.worker:${workerId}:${revision}`,
    subject: workerId,
    data: { workerId, organizationId: ORG, kind, ...(level ? { level } : {}), status, revision },
  } as Omit<NewEvent<'sanshe.talent.worker.registered.v1'>, 'source' | 'time'>);

/** Waits until the inbox has applied every event published so far (the read model is then complete). */
async function allApplied(): Promise<void> {
  await eventually(
    async () => {
      const rows = await svc.query<{ n: number }>(
        `SELECT count(DISTINCT event_id)::int AS n FROM "${svc.schema}".inbox WHERE event_id = ANY($1)`,
        [published],
      );
      expect(rows[0]?.n).toBe(published.length);
    },
    { timeoutMs: 30_000 },
  );
}

beforeAll(async () => {
  svc = await startOrganizationUnderTest();
  await registerOrganization(svc, ORG);
});

afterAll(() => svc?.close());

describe('capacity profile', () => {
  it("equals the hand-computed example (domain/capacity.spec.ts) after talent's, funding's and the community's events", async () => {
    const proposalId = newId('prop');
    const dataSource = svc.app.get<DataSource>(getDataSourceToken());
    const activityId = await dataSource.transaction((manager) =>
      svc.app.get(ActivityScheduling).schedule(manager, {
        proposalId,
        organizationId: ORG,
        communityCode: COMMUNITY,
        basis: 'approved',
        decisionId: `decision/activity-proposal/${proposalId}`,
        needId: null,
        venueId: null,
        staffingPlan: null,
        sessions: [{ startsAt: '2026-12-01T01:30:00.000Z', endsAt: '2026-12-01T03:00:00.000Z' }],
      }),
    );
    const w = (n: number) => `${ORG}-w${n}`;
    await worker(w(1), 'certified-social-worker', 'social-worker', 1);
    await worker(w(2), 'certified-social-worker', 'assistant-social-worker', 1);
    await worker(w(3), 'intern', null, 1);
    await worker(w(4), 'intern', null, 2, 'left');
    await worker(w(5), 'volunteer', null, 1);
    const [g1, g2] = [newId('g1'), newId('g2')];
    await publish('funding', {
      type: 'sanshe.funding.grant.activated.v1',
      subject: g1,
      data: {
        grantId: g1,
        programId: 'prog-2026-elderly-care',
        organizationId: ORG,
        communityCode: COMMUNITY,
        proposalId,
        decisionId: `decision/grant-award/${g1}`,
        amount: cny(4_800_000),
        tranches: [
          { trancheNo: 1, amount: cny(1_440_000), milestone: '项目启动', dueDate: '2027-01-31' },
          { trancheNo: 2, amount: cny(1_920_000), milestone: '中期评估', dueDate: '2027-04-30' },
          { trancheNo: 3, amount: cny(1_440_000), milestone: '结项验收', dueDate: '2027-07-31' },
        ],
      },
    });
    await publish('funding', {
      type: 'sanshe.funding.grant.activated.v1',
      subject: g2,
      data: {
        grantId: g2,
        programId: 'prog-2026-youth',
        organizationId: ORG,
        communityCode: COMMUNITY,
        decisionId: `decision/grant-award/${g2}`,
        amount: cny(1_000_000),
        tranches: [{ trancheNo: 1, amount: cny(1_000_000), milestone: '一次性拨付', dueDate: '2027-01-15' }],
      },
    });
    await publish('funding', {
      type: 'sanshe.funding.grant.voided.v1',
      subject: g2,
      data: { grantId: g2, organizationId: ORG, reason: '项目合并，原资助作废。' },
    });
    await publish('funding', {
      type: 'sanshe.funding.tranche.paid.v1',
      subject: g1,
      data: {
        grantId: g1,
        organizationId: ORG,
        trancheNo: 1,
        amount: cny(1_440_000),
        paidAt: '2027-01-20T02:00:00.000Z',
        paymentId: 'pay-0001',
      },
    });
    const rating = (revision: number, score: number, activitiesEvaluated: number) =>
      publish('community', {
        type: 'sanshe.community.rating.updated.v1',
        id: `sanshe.community.rating.updated.v1:${ORG}:${revision}`,
        subject: ORG,
        data: {
          organizationId: ORG,
          score,
          activitiesEvaluated,
          revision,
          activity: {
            activityId,
            communityCode: COMMUNITY,
            score,
            provisional: false,
            dimensions: { reach: 4, satisfaction: 4, outcome: 4, efficiency: 5 },
            weights: { reach: 3, satisfaction: 3, outcome: 3, efficiency: 1 },
          },
        },
      });
    const lastApplied = await rating(3, 4.11, 3);
    // Late: older revisions arrive after newer ones and change nothing (nor asOf).
    await rating(2, 3.9, 2);
    await worker(w(4), 'intern', null, 1);
    await allApplied();

    const capacity = await call(svc, 'GET', `/organizations/${ORG}/capacity`, orgStaff(newId('org-any')));
    expect(capacity.status).toBe(200);
    expect(capacity.body).toEqual({
      organizationId: ORG,
      staff: {
        certifiedSocialWorkers: 2,
        byLevel: { 'assistant-social-worker': 1, 'social-worker': 1, 'senior-social-worker': 0 },
        interns: 1,
        volunteers: 1,
        communityStaff: 0,
      },
      funding: {
        securedFen: 4_800_000,
        receivedFen: 1_440_000,
        currency: 'CNY',
        nextTranche: {
          grantId: g1,
          trancheNo: 2,
          amountFen: 1_920_000,
          dueDate: '2027-04-30',
          overdue: expect.any(Boolean),
        },
      },
      evaluation: { averageScore: 4.11, activitiesEvaluated: 3 },
      activities: { scheduled: 1, running: 0, completed: 0 },
      asOf: lastApplied.time,
    });
    const [grant] = await svc.query<{ grant_id: string }>(
      `SELECT grant_id FROM "${svc.schema}".activity WHERE activity_id = $1`,
      [activityId],
    );
    expect(grant?.grant_id).toBe(g1);
  });

  it("counts a worker only from talent's own channel: a portal's on the talent topic is dead-lettered", async () => {
    const other = newId('org-forged');
    await registerOrganization(svc, other);
    const inbox = svc.app.get(InboxService);
    const deadLettered = inbox.processor.counts['dead-lettered'];
    const workerId = newId('w-forged');
    await svc.publish(contextTopic('talent'), 'portal/xuhui-civil-affairs', {
      type: 'sanshe.talent.worker.registered.v1',
      subject: workerId,
      data: { workerId, organizationId: other, kind: 'certified-social-worker', status: 'active', revision: 1 },
    });
    await eventually(() => expect(inbox.processor.counts['dead-lettered']).toBe(deadLettered + 1), {
      timeoutMs: 30_000,
    });
    const capacity = await call(svc, 'GET', `/organizations/${other}/capacity`, auditor());
    expect(capacity.body).toMatchObject({ staff: { certifiedSocialWorkers: 0 }, asOf: null });
  });

  it('an unknown organization is 404; without a token 401', async () => {
    expect((await call(svc, 'GET', `/organizations/${newId('org-none')}/capacity`, auditor())).status).toBe(404);
    expect((await call(svc, 'GET', `/organizations/${ORG}/capacity`, null)).status).toBe(401);
  });
});
