import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { promisify } from 'node:util';
import type { Client, WorkflowHandle } from '@temporalio/client';
import { DefaultLogger, NativeConnection, Runtime, Worker } from '@temporalio/worker';
import { Client as PgClient } from 'pg';
import { contextTopic, type SansheEvent } from '@sanshe/contracts';
import { highWaterMarks, readToHighWaterMarks } from '@sanshe/messaging';
import {
  devToken,
  DISTRICT_POLICY_ADMIN,
  eventually,
  parseTestEnv,
  testTopic,
  uniqueName,
  workflowBundlerOptions,
} from '@sanshe/testing';
import {
  decisionWorkflowId,
  type DisbursementView,
  disbursementWorkflowId,
  FUNDING_TASK_QUEUE,
  MILESTONE_VERIFICATION_KIND,
} from '@sanshe/workflows';
import type { payTrancheOnce } from './disbursement-crash.workflow';
import { activatedGrant, disbursementParties, openProgram, publisherOf, TRANCHE_FEN, WAIT } from './disbursement-grant';
import { removePoliciesAfterAll } from './governance-under-test';
import { serviceBesideGovernance } from './service-beside-governance';

/**
 * A grant's disbursement on the real Kafka, PostgreSQL and Temporal, funding and governance as they run (two
 * processes), each grant reached by events as funding-linkage.serial-spec.ts does (disbursement-grant.ts).
 * The crash test: funding SIGKILLed between the payment rail's acceptance of a tranche and payTranche's answer,
 * restarted, the tranche paid once. The end to end: three tranches, each by events — evidence, a verification
 * voted by the community and the funder, the public notice (0 working days here), one payment — to completed.
 */
const parties = disbursementParties();
/** The test-only fault point (apps/funding/README.md): payTranche holds its answer after the instructing commit. */
const HOLD = 'FUNDING_FAULT_HOLD_AFTER_INSTRUCT_MS';
const run = promisify(execFile);
// The test worker's bundling and state changes would fill the serial pass's output: errors only.
Runtime.install({ logger: new DefaultLogger('ERROR') });

describe('a grant disbursed on the real servers', () => {
  removePoliciesAfterAll(parties.awardPolicy.policyId, parties.verifyPolicy.policyId);
  const saved = { [HOLD]: process.env[HOLD], FUNDING_PAYMENT_SETTLE_MS: process.env.FUNDING_PAYMENT_SETTLE_MS };
  const e2e = serviceBesideGovernance('disbursement', {
    service: 'funding',
    reads: ['governance', 'organization'],
    portal: parties.portal,
    // Test-only (refused in production): a program's notice is 1–15 working days; 0 lets the run reach the payments.
    governanceEnv: { GOVERNANCE_TEST_NOTICE_WORKING_DAYS: '0' },
    beforeStart: async () => {
      process.env.FUNDING_PAYMENT_SETTLE_MS = '300';
      process.env[HOLD] = '60000';
    },
  });
  const db = new PgClient({ connectionString: parseTestEnv(process.env).DATABASE_URL });
  const fundingTopic = testTopic(contextTopic('funding'));
  let fundingFrom = new Map<number, number>();
  let governanceFrom = new Map<number, number>();
  /** The governance facts about `subject` (a grant, a decision), in order, read to the high-water marks. */
  const governanceFacts = async (subject: string) =>
    (
      await readToHighWaterMarks(e2e.kafka, testTopic(contextTopic('governance')), governanceFrom, {
        timeoutMs: 20_000,
      })
    )
      .filter((record) => record.key === subject)
      .map((record) => JSON.parse(record.value) as SansheEvent);
  const fundingFacts = async (grantId: string, type: string) =>
    (await readToHighWaterMarks(e2e.kafka, fundingTopic, fundingFrom, { timeoutMs: 20_000 }))
      .filter((record) => record.key === grantId)
      .map((record) => JSON.parse(record.value) as SansheEvent)
      .filter((event) => event.type === `sanshe.funding.${type}.v1`);
  const cleanUp: WorkflowHandle[] = [];

  beforeAll(async () => {
    await db.connect();
    [fundingFrom, governanceFrom] = await Promise.all([
      highWaterMarks(e2e.kafka, fundingTopic),
      highWaterMarks(e2e.kafka, testTopic(contextTopic('governance'))),
    ]);
    await openProgram(e2e, parties);
    const policyAdmin = await devToken(DISTRICT_POLICY_ADMIN);
    for (const policy of [parties.awardPolicy, parties.verifyPolicy]) {
      const put = await e2e.call(`${e2e.governanceUrl()}/policies/${policy.policyId}`, 'PUT', policyAdmin, policy);
      expect(put.status).toBe(201);
    }
  }, 60_000);
  afterAll(async () => {
    await Promise.all(cleanUp.map((handle) => handle.terminate('disbursement e2e is over').catch(() => undefined)));
    await db.end();
    for (const [name, value] of Object.entries(saved)) {
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
    }
  });

  it('funding SIGKILLed after the rail accepted a tranche and before payTranche answered: restarted, paid once', async () => {
    const { grantId, proposalDecision } = await activatedGrant(e2e, db, parties);
    const temporal = e2e.governance.temporal;
    const disbursement = temporal.workflow.getHandle(disbursementWorkflowId(grantId));
    cleanUp.push(disbursement, temporal.workflow.getHandle(proposalDecision));
    // Reserved and waiting for evidence: the only funding activity the kill can interrupt is the payment.
    await eventually(
      async () => expect((await disbursement.query<{ stage: string }>('state')).stage).toBe('awaiting-evidence'),
      WAIT,
    );

    const { outcome, attempts } = await payThroughTemporal(temporal, grantId, async () => {
      const [instructed] = await eventually(async () => {
        const found = await fundingFacts(grantId, 'payment.instructed');
        expect(found.length).toBeGreaterThan(0);
        return found;
      }, WAIT);
      await e2e.crashService(async () => {
        delete process.env[HOLD]; // the restarted funding answers at once
      });
      return String((instructed?.data as { paymentId?: string } | undefined)?.paymentId);
    });

    expect(attempts).toBeGreaterThanOrEqual(2); // the killed attempt was never answered: a retry found the payment
    const payments = await db.query<{ payment_id: string }>(
      `SELECT payment_id FROM funding.payment WHERE grant_id = $1 AND tranche_no = 1`,
      [grantId],
    );
    expect(payments.rows.map((row) => row.payment_id)).toEqual([outcome.instructedPaymentId]);
    expect(outcome.paymentId).toBe(outcome.instructedPaymentId);
    const paid = await eventually(async () => {
      const found = await fundingFacts(grantId, 'tranche.paid');
      expect(found.length).toBeGreaterThan(0);
      return found;
    }, WAIT);
    // One fact each (one event id). The relay sends at least once: a record the killed relay sent but had not
    // marked sent goes out again under the same id, and consumers' inboxes take it once.
    expect(eventIds(paid)).toHaveLength(1);
    expect(paid[0]?.data).toMatchObject({ grantId, trancheNo: 1, paymentId: outcome.paymentId });
    expect(eventIds(await fundingFacts(grantId, 'payment.instructed'))).toHaveLength(1);
    expect(await ledgerVerify()).toMatchObject({ ledgerVerify: 'ok', mismatches: [] });
  }, 60_000);

  it('by events: approved proposal → award decided together → disbursement/<grantId> → for each of 3 tranches evidence, a verification voted by the community and the funder, the notice, one payment → completed, in Temporal and on Kafka', async () => {
    // Run alone (-t), funding still holds payTranche's answers: start it again without the hold.
    if (process.env[HOLD]) await e2e.crashService(async () => void delete process.env[HOLD]);
    const { grantId, proposalDecision } = await activatedGrant(e2e, db, parties);
    const temporal = e2e.governance.temporal;
    const disbursement = temporal.workflow.getHandle(disbursementWorkflowId(grantId)); // the latest run
    cleanUp.push(disbursement, temporal.workflow.getHandle(proposalDecision));
    const view = () => disbursement.query<DisbursementView>('state');
    for (const trancheNo of [1, 2, 3]) await disburseTranche(grantId, trancheNo, view);

    await eventually(async () => expect((await view()).stage).toBe('completed'), WAIT);
    const state = await view();
    const payments = await db.query<{ payment_id: string; tranche_no: number; amount_fen: string }>(
      `SELECT payment_id, tranche_no, amount_fen FROM funding.payment WHERE grant_id = $1 ORDER BY tranche_no`,
      [grantId],
    );
    expect(payments.rows.map((row) => [row.tranche_no, Number(row.amount_fen)])).toEqual(
      TRANCHE_FEN.map((fen, i) => [i + 1, fen]),
    );
    expect(state.paid).toEqual(
      payments.rows.map((row) => ({
        trancheNo: row.tranche_no,
        amountFen: Number(row.amount_fen),
        paymentId: row.payment_id,
      })),
    );
    const paid = await eventually(async () => {
      const found = await fundingFacts(grantId, 'tranche.paid');
      expect(eventIds(found)).toHaveLength(3);
      return found;
    }, WAIT);
    expect(paid.map((event) => event.data)).toEqual(
      payments.rows.map((row) => expect.objectContaining({ trancheNo: row.tranche_no, paymentId: row.payment_id })),
    );
    const perTranche = [
      'evidence-accepted',
      'verification-opened',
      'notice-opened',
      'payment-requested',
      'tranche-completed',
    ];
    const facts = await governanceFacts(grantId);
    expect(
      facts.map((event) => [
        event.type.replace(/^sanshe\.governance\.disbursement\.|\.v1$/g, ''),
        (event.data as { trancheNo?: number }).trancheNo,
      ]),
    ).toEqual([
      ['started', undefined],
      ...[1, 2, 3].flatMap((n) => perTranche.map((fact) => [fact, n])),
      ['completed', undefined],
    ]);
    // What an operator finds in the Temporal UI: the grant's last run by its search attributes.
    await eventually(async () => {
      const listed = [];
      for await (const run of temporal.workflow.list({
        query: `GrantId = '${grantId}' AND ExecutionStatus = 'Completed' AND Stage = 'completed'`,
      }))
        listed.push(run);
      expect(listed.map((run) => [run.workflowId, run.searchAttributes])).toEqual([
        [
          disbursementWorkflowId(grantId),
          expect.objectContaining({ ProgramId: [parties.programId], TrancheNo: [3], AmountDueFen: [0] }),
        ],
      ]);
    }, WAIT);
    expect(await ledgerVerify()).toMatchObject({ ledgerVerify: 'ok', mismatches: [] });
  }, 90_000);

  /** One tranche by events: evidence as the organization, both votes (decided once), then its payment completes it. */
  async function disburseTranche(grantId: string, trancheNo: number, view: () => Promise<DisbursementView>) {
    await eventually(async () => expect(await view()).toMatchObject({ stage: 'awaiting-evidence', trancheNo }), WAIT);
    const publish = publisherOf(e2e);
    const { organizationId, communityCode: C, funderId } = parties;
    const activityId = uniqueName('act-disb');
    const evidence = [
      { sha256: randomBytes(32).toString('hex'), title: `签到表（第${trancheNo}期）`, kind: 'sign-in-sheet' as const },
    ];
    await publish('organization', {
      type: 'sanshe.organization.activity.completed.v1',
      subject: activityId,
      data: {
        ...{ activityId, proposalId: uniqueName('prop-disb-act'), organizationId, communityCode: C },
        ...{ completedAt: new Date().toISOString(), sessionsHeld: 4, attendance: 30, evidence },
        milestone: { grantId, trancheNo },
      },
    });
    const decisionId = decisionWorkflowId(MILESTONE_VERIFICATION_KIND, `${grantId}.t${trancheNo}`);
    await eventually(async () => {
      const opened = (await governanceFacts(decisionId)).filter((e) => e.type.endsWith('.decision.opened.v1'));
      expect(opened).toHaveLength(1);
    }, WAIT);
    const vote = { decisionId, choice: 'approve' as const, round: 1 };
    await publish('community', {
      type: 'sanshe.community.decision.vote-cast.v1',
      subject: decisionId,
      data: { ...vote, partyId: `community:${C}`, castBy: `community:${C}` },
    });
    await publish('funding', {
      type: 'sanshe.funding.decision.vote-cast.v1',
      subject: decisionId,
      data: { ...vote, partyId: funderId, castBy: funderId },
    });
    await eventually(async () => {
      const completed = (await governanceFacts(grantId)).filter(
        (e) =>
          e.type === 'sanshe.governance.disbursement.tranche-completed.v1' &&
          (e.data as { trancheNo?: number }).trancheNo === trancheNo,
      );
      expect(completed).toHaveLength(1);
    }, WAIT);
    const decided = (await governanceFacts(decisionId)).filter((e) => e.type.endsWith('.decision.decided.v1'));
    expect(decided.map((event) => event.data)).toEqual([expect.objectContaining({ result: 'approved' })]);
  }
});

/** The distinct event ids of `events`, in order of first appearance. */
const eventIds = (events: SansheEvent[]) => [...new Set(events.map((event) => event.id))];

/**
 * Starts payTrancheOnce on a test worker of its own task queue (payTranche goes to funding's worker), runs
 * `whileInstructing` (which answers the payment id it saw instructed) while it runs, and answers the outcome
 * and the attempt of payTranche that completed.
 */
async function payThroughTemporal(client: Client, grantId: string, whileInstructing: () => Promise<string>) {
  const servers = parseTestEnv(process.env);
  const connection = await NativeConnection.connect({ address: servers.TEMPORAL_ADDRESS });
  const taskQueue = uniqueName('disbursement-crash');
  try {
    const worker = await Worker.create({
      connection,
      namespace: servers.TEMPORAL_NAMESPACE,
      taskQueue,
      workflowsPath: require.resolve('./disbursement-crash.workflow'),
      bundlerOptions: workflowBundlerOptions(),
    });
    return await worker.runUntil(async () => {
      const handle = await client.workflow.start<typeof payTrancheOnce>('payTrancheOnce', {
        taskQueue,
        workflowId: uniqueName(`pay-once-${grantId}`),
        args: [{ grantId, trancheNo: 1, fundingTaskQueue: FUNDING_TASK_QUEUE }],
        workflowExecutionTimeout: '50 seconds',
      });
      const instructedPaymentId = await whileInstructing();
      const outcome = await handle.result();
      const events = (await handle.fetchHistory()).events ?? [];
      const started = events.find((event) => event.activityTaskStartedEventAttributes);
      const attempts = started?.activityTaskStartedEventAttributes?.attempt ?? 0;
      return { outcome: { ...outcome, instructedPaymentId }, attempts };
    });
  } finally {
    await connection.close();
  }
}

/** funding's `npm run ledger:verify` against the test database: its last line, the JSON report. */
async function ledgerVerify(): Promise<Record<string, unknown>> {
  const { stdout } = await run(
    process.execPath,
    ['-r', '@swc-node/register', 'apps/funding/src/ledger/verify/verify-ledger.main.ts'],
    { cwd: `${__dirname}/../../..`, env: process.env, maxBuffer: 64 * 1024 * 1024 },
  );
  return JSON.parse(stdout.trim().split('\n').at(-1) ?? '{}') as Record<string, unknown>;
}
