import { execFile } from 'node:child_process';
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
  uniqueName,
  workflowBundlerOptions,
} from '@sanshe/testing';
import { disbursementWorkflowId, FUNDING_TASK_QUEUE } from '@sanshe/workflows';
import type { payTrancheOnce } from './disbursement-crash.workflow';
import { activatedGrant, disbursementParties, openProgram, WAIT } from './disbursement-grant';
import { removePoliciesAfterAll } from './governance-under-test';
import { serviceBesideGovernance } from './service-beside-governance';

/**
 * A grant's disbursement on the real Kafka, PostgreSQL and Temporal, funding and governance as they run (two
 * processes): the grant comes by events (docs/funding-linkage's way), then funding is SIGKILLed between the
 * payment rail's acceptance of a tranche and payTranche's answer, restarted, and the tranche is paid once.
 */
const parties = disbursementParties();
/** The test-only fault point (apps/funding/README.md): payTranche holds its answer after the instructing commit. */
const HOLD = 'FUNDING_FAULT_HOLD_AFTER_INSTRUCT_MS';
const run = promisify(execFile);
// The test worker's bundling and state changes would fill the serial pass's output: errors only.
Runtime.install({ logger: new DefaultLogger('ERROR') });

describe('a grant disbursed on the real servers', () => {
  removePoliciesAfterAll(parties.awardPolicy.policyId);
  const saved = process.env[HOLD];
  const e2e = serviceBesideGovernance('disbursement', {
    service: 'funding',
    reads: ['governance', 'organization'],
    portal: parties.portal,
    beforeStart: async () => {
      process.env.FUNDING_PAYMENT_SETTLE_MS = '300';
      process.env[HOLD] = '60000';
    },
  });
  const db = new PgClient({ connectionString: parseTestEnv(process.env).DATABASE_URL });
  const fundingTopic = contextTopic('funding');
  let fundingFrom = new Map<number, number>();
  const fundingFacts = async (grantId: string, type: string) =>
    (await readToHighWaterMarks(e2e.kafka, fundingTopic, fundingFrom, { timeoutMs: 20_000 }))
      .filter((record) => record.key === grantId)
      .map((record) => JSON.parse(record.value) as SansheEvent)
      .filter((event) => event.type === `sanshe.funding.${type}.v1`);
  const cleanUp: WorkflowHandle[] = [];

  beforeAll(async () => {
    await db.connect();
    fundingFrom = await highWaterMarks(e2e.kafka, fundingTopic);
    const put = await e2e.call(
      `${e2e.governanceUrl()}/policies/${parties.awardPolicy.policyId}`,
      'PUT',
      await devToken(DISTRICT_POLICY_ADMIN),
      parties.awardPolicy,
    );
    expect(put.status).toBe(201);
    await openProgram(e2e, parties);
  }, 60_000);
  afterAll(async () => {
    await Promise.all(cleanUp.map((handle) => handle.terminate('disbursement e2e is over').catch(() => undefined)));
    await db.end();
    if (saved === undefined) delete process.env[HOLD];
    else process.env[HOLD] = saved;
    delete process.env.FUNDING_PAYMENT_SETTLE_MS;
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
        expect(found).toHaveLength(1);
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
      expect(found).toHaveLength(1);
      return found;
    }, WAIT);
    expect(paid[0]?.data).toMatchObject({ grantId, trancheNo: 1, paymentId: outcome.paymentId });
    expect(await fundingFacts(grantId, 'payment.instructed')).toHaveLength(1);
    expect(await ledgerVerify()).toMatchObject({ ledgerVerify: 'ok', mismatches: [] });
  }, 60_000);
});

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
