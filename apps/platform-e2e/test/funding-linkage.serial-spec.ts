import { randomInt } from 'node:crypto';
import type { Client } from '@temporalio/client';
import { NativeConnection, Worker } from '@temporalio/worker';
import { Client as PgClient } from 'pg';
import { contextTopic, type DecisionPolicyInput, type EventType, type NewEvent } from '@sanshe/contracts';
import {
  devToken,
  DISTRICT_POLICY_ADMIN,
  eventually,
  parseTestEnv,
  uniqueName,
  workflowBundlerOptions,
} from '@sanshe/testing';
import { decisionWorkflowId, FUNDING_TASK_QUEUE } from '@sanshe/workflows';
import { fundingBesideGovernance } from './funding-beside-governance';
import type { payTrancheTwice } from './funding-linkage.workflow';
import { removePoliciesAfterAll } from './governance-under-test';

/**
 * The funding service and governance as they run (two processes) on the real Kafka, PostgreSQL and Temporal:
 * a program decided by rules and awarding at once; an organization's proposal asking it for money, approved
 * (the organization's and governance's events published as their owners) → an application and grant.awarded;
 * governance opens the grant-award decision, funding casts its funder seat's automatic vote, the community
 * approves → decided approved → grant.activated; then a workflow asks funding's worker (funding-activities) to
 * pay the first tranche twice at once → one payment, one tranche.paid.
 */
const C = `310104-096-${randomInt(100, 1000)}`;
const ORG = uniqueName('org-fund-e2e');
const FUNDER = `funder:${uniqueName('e2e-fund')}`;
const SEAT = `funder:${uniqueName('e2e-seat')}`;
const portal = uniqueName('street').toLowerCase();
const WAIT = { timeoutMs: 30_000, intervalMs: 300 };
const seat = (partyId: string, kind: string) => ({ partyId, kind, title: kind, weight: 1, voteWindowHours: 1 });
const awardPolicy: DecisionPolicyInput = {
  policyId: `grant-award.${C}`,
  decisionKind: 'grant-award',
  communityCode: C,
  title: `Funding linkage e2e ${C}`,
  parties: [
    seat(`community:${C}`, 'community'),
    seat(SEAT, 'funder'),
    seat('talent:e2e-fund-social-workers', 'talent'),
  ],
  quorum: 2,
  deliberationHours: 1,
  maxAmendments: 0,
  escalation: [{ arbiterId: `portal:${portal}`, title: 'Street office', deadlineHours: 1, defaultOutcome: 'rejected' }],
};

describe('funding beside governance: a grant decided together and a tranche paid once', () => {
  removePoliciesAfterAll(awardPolicy.policyId);
  const e2e = fundingBesideGovernance('funding-linkage', { portal, fundingEnv: { FUNDING_PAYMENT_SETTLE_MS: '300' } });
  const db = new PgClient({ connectionString: parseTestEnv(process.env).DATABASE_URL });
  const publish = <T extends EventType>(
    owner: 'organization' | 'governance' | 'community',
    event: Omit<NewEvent<T>, 'source'>,
  ) => e2e.governance.publish(contextTopic(owner), `sanshe/${owner}`, event);
  const outbox = async (type: string, subject: string) =>
    (
      await db.query<{ payload: string }>(
        `SELECT payload FROM funding.outbox WHERE event_type = $1 AND partition_key = $2 ORDER BY position`,
        [`sanshe.funding.${type}.v1`, subject],
      )
    ).rows.map((row) => JSON.parse(row.payload) as { data: Record<string, unknown> });

  beforeAll(async () => {
    await db.connect();
    const put = await e2e.call(
      `${e2e.governanceUrl()}/policies/${awardPolicy.policyId}`,
      'PUT',
      await devToken(DISTRICT_POLICY_ADMIN),
      awardPolicy,
    );
    expect(put.status).toBe(201);
  });
  afterAll(() => db.end());

  it('program → approved proposal → grant decided together → activated; a tranche paid twice at once is paid once', async () => {
    const programId = uniqueName('prog-e2e');
    const funderAdmin = await devToken({ sub: uniqueName('funder-admin'), parties: [FUNDER], roles: ['funder-admin'] });
    const program = await e2e.call(`${e2e.fundingUrl()}/programs/${programId}`, 'PUT', funderAdmin, {
      ...{ funderId: FUNDER, funderKind: 'government', title: '社区长者助餐资助（e2e）', mode: 'direct' },
      ...{ category: 'elderly-care', budget: { amountFen: 100_000_000, currency: 'CNY' } },
      ...{ period: { from: '2026-01-01', to: '2027-12-31' }, districtCode: '310104', noticeWorkingDays: 5 },
      eligibility: {
        organizationTypes: ['private-non-enterprise'],
        minGrade: '3A',
        needCategories: ['elderly-care'],
        communityCodes: [C],
      },
      tranchePlan: [
        { trancheNo: 1, percent: 30, milestone: '项目启动', dueAfterDays: 0 },
        { trancheNo: 2, percent: 70, milestone: '结项验收', dueAfterDays: 180 },
      ],
      indicators: [],
      votingMode: 'rules',
      autoAward: true,
    });
    expect(program.status).toBe(201);

    await publish('organization', {
      type: 'sanshe.organization.organization.registered.v1',
      subject: ORG,
      data: {
        ...{
          organizationId: ORG,
          name: '长者关爱服务中心（e2e）',
          type: 'private-non-enterprise',
          creditCode: '52310104MJ00000189',
        },
        ...{ status: 'registered', registrationDistrictCode: '310104', communitiesServed: [C], revision: 1 },
        grade: { grade: '4A', assessedOn: '2025-06-30', validUntil: '2030-06-29' },
      },
    });
    const proposalId = uniqueName('prop-fund');
    await publish('organization', {
      type: 'sanshe.organization.proposal.submitted.v1',
      subject: proposalId,
      data: {
        ...{ proposalId, organizationId: ORG, communityCode: C, revisionNo: 1, title: '长者助餐', summary: 'e2e' },
        ...{ category: 'elderly-care', programId, requestedFunding: { amountFen: 4_800_000, currency: 'CNY' } },
      },
    });
    const proposalDecision = decisionWorkflowId('activity-proposal', proposalId);
    await publish('governance', {
      type: 'sanshe.governance.decision.decided.v1',
      subject: proposalDecision,
      data: {
        ...{ decisionId: proposalDecision, kind: 'activity-proposal', subjectId: proposalId, communityCode: C },
        ...{ result: 'approved', decidedBy: 'votes', level: 0, reason: 'approving weight 2 reached quorum 2' },
        tally: { approve: 2, object: 0, abstain: 0, pending: 0, total: 2, quorum: 2 },
        ...{ auditHash: 'a'.repeat(64), auditLength: 3 },
      },
    });

    const grantId = await eventually(async () => {
      const rows = await db.query<{ grant_id: string }>(`SELECT grant_id FROM funding."grant" WHERE proposal_id = $1`, [
        proposalId,
      ]);
      expect(rows.rows).toHaveLength(1);
      return String(rows.rows[0]?.grant_id);
    }, WAIT);
    const awardDecision = decisionWorkflowId('grant-award', grantId);
    // The funder seat's automatic vote, cast by funding on its own channel, then the community's.
    await eventually(async () => expect(await outbox('decision.vote-cast', awardDecision)).toHaveLength(1), WAIT);
    expect((await outbox('decision.vote-cast', awardDecision))[0]?.data).toMatchObject({
      partyId: SEAT,
      choice: 'approve',
    });
    await publish('community', {
      type: 'sanshe.community.decision.vote-cast.v1',
      subject: awardDecision,
      data: {
        decisionId: awardDecision,
        partyId: `community:${C}`,
        castBy: `community:${C}`,
        choice: 'approve',
        round: 1,
      },
    });
    await eventually(async () => expect(await outbox('grant.activated', grantId)).toHaveLength(1), WAIT);
    const [activated] = await outbox('grant.activated', grantId);
    expect(activated?.data).toMatchObject({
      grantId,
      decisionId: awardDecision,
      amount: { amountFen: 4_800_000, currency: 'CNY' },
      tranches: [
        expect.objectContaining({ trancheNo: 1, amount: { amountFen: 1_440_000, currency: 'CNY' } }),
        expect.anything(),
      ],
    });

    const outcomes = await payTwiceThroughTemporal(e2e.governance.temporal, grantId);
    const paymentId = outcomes[0]?.paymentId;
    expect(paymentId).toMatch(/^pay-/);
    expect(outcomes.map((o) => o.paymentId)).toEqual([paymentId, paymentId]);
    await eventually(async () => expect(await outbox('tranche.paid', grantId)).toHaveLength(1), WAIT);
    expect(await outbox('payment.instructed', grantId)).toHaveLength(1);
    expect((await outbox('tranche.paid', grantId))[0]?.data).toMatchObject({
      ...{ grantId, trancheNo: 1, paymentId, rail: 'internal', programId, communityCode: C },
      amount: { amountFen: 1_440_000, currency: 'CNY' },
    });
    await e2e.governance.temporal.workflow
      .getHandle(proposalDecision)
      .terminate('funding-linkage e2e is over')
      .catch(() => undefined);
  }, 40_000);
});

/** A test worker (its own task queue) runs payTrancheTwice, whose two payTranche go to funding's worker. */
async function payTwiceThroughTemporal(client: Client, grantId: string) {
  const servers = parseTestEnv(process.env);
  const connection = await NativeConnection.connect({ address: servers.TEMPORAL_ADDRESS });
  const taskQueue = uniqueName('funding-linkage');
  try {
    const worker = await Worker.create({
      connection,
      namespace: servers.TEMPORAL_NAMESPACE,
      taskQueue,
      workflowsPath: require.resolve('./funding-linkage.workflow'),
      bundlerOptions: workflowBundlerOptions(),
    });
    return await worker.runUntil(
      client.workflow.execute<typeof payTrancheTwice>('payTrancheTwice', {
        taskQueue,
        workflowId: uniqueName(`pay-twice-${grantId}`),
        args: [{ grantId, trancheNo: 1, fundingTaskQueue: FUNDING_TASK_QUEUE }],
        workflowExecutionTimeout: '30 seconds',
      }),
    );
  } finally {
    await connection.close();
  }
}
