import type { DecisionPolicy } from '@sanshe/contracts/pure';
import { ApplicationFailure } from '@temporalio/common';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { Worker } from '@temporalio/worker';
import { createTimeSkippingEnv, parseTestEnv, uniqueName, testWorkflowCode } from '@sanshe/testing';
import { WORKFLOWS_PATH } from '../../src';
import { type DecisionInput, decisionWorkflowId } from '../../src/decision/decision.api';
import type { DecisionEventToPublish } from '../../src/decision/decision-records';
import type { DisbursementActivities, DisbursementFact } from '../../src/disbursement/activities';
import type { DisbursementInput } from '../../src/disbursement/disbursement.api';
import { disbursementStartOptions } from '../../src/disbursement/disbursement-start';
import type { disbursementWorkflow } from '../../src/disbursement/disbursement.workflow';
import {
  FUNDING_TASK_QUEUE,
  type FundingActivities,
  type PaymentOutcome,
  type RequestClawbackInput,
} from '../../src/funding/funding-activities';
import type { ChildDecisionActivities, ChildDecisionOpening } from '../../src/hours/activities';

export const GRANT_COMMUNITY = '310104-005-001';
export const COMMUNITY_PARTY = `community:${GRANT_COMMUNITY}`;
export const RESIDENTS_PARTY = `residents:${GRANT_COMMUNITY}`;
export const FUNDER_PARTY = 'funding:xuhui-civil-affairs';
export const ORGANIZATION = 'org-xinhua-elderly-care';

/** One policy for every child (verification, cancellation, clawback): three seats of weight 1, quorum 2. */
const childPolicy = (kind: string): DecisionPolicy => ({
  policyId: `${kind}.310104`,
  version: 1,
  decisionKind: kind,
  communityCode: GRANT_COMMUNITY,
  title: kind,
  parties: [
    { partyId: COMMUNITY_PARTY, kind: 'community', title: '居委会', weight: 1, voteWindowHours: 72 },
    { partyId: RESIDENTS_PARTY, kind: 'residents', title: '居民代表', weight: 1, voteWindowHours: 72 },
    { partyId: FUNDER_PARTY, kind: 'funding', title: '资助方', weight: 1, voteWindowHours: 72 },
  ],
  quorum: 2,
  deliberationHours: 24,
  maxAmendments: 0,
  escalation: [
    { arbiterId: 'portal:xuhui-civil-affairs', title: '区民政局', deadlineHours: 120, defaultOutcome: 'rejected' },
  ],
});

/**
 * Funding's rail, faked: one payment per grant + tranche however often it is asked; counts every call. A grant in
 * `settleLater` is only instructed until the test calls `settle` (as the internal rail settles after a while).
 */
function fakeFunding(refuseFirstPayment: Set<string>, settleLater: Set<string>) {
  const payments = new Map<string, PaymentOutcome>();
  const calls = { payTranche: [] as string[], released: [] as string[], clawbacks: [] as RequestClawbackInput[] };
  const activities: FundingActivities = {
    reserveGrantBudget: async () => ({ reservedFen: 0, currency: 'CNY', alreadyReserved: true }),
    releaseReservation: async ({ grantId }) => (calls.released.push(grantId), { releasedFen: 200_000 }),
    payTranche: async ({ grantId, trancheNo }) => {
      const key = `${grantId}/t${trancheNo}`;
      calls.payTranche.push(key);
      if (refuseFirstPayment.delete(grantId)) {
        throw ApplicationFailure.nonRetryable('the program account cannot cover the tranche', 'InsufficientFunds');
      }
      const payment = payments.get(key) ?? {
        paymentId: `pay-${payments.size + 1}`,
        grantId,
        trancheNo,
        amountFen: 100_000,
        currency: 'CNY',
        ...(settleLater.has(grantId)
          ? { status: 'instructed' as const }
          : { status: 'settled' as const, settledAt: new Date().toISOString() }),
      };
      payments.set(key, payment);
      return payment;
    },
    paymentStatus: async ({ grantId, trancheNo }) => payments.get(`${grantId}/t${trancheNo}`) ?? null,
    requestClawback: async (input) => (
      calls.clawbacks.push(input),
      { clawbackId: `cb-${input.trancheNo}`, alreadyRequested: false }
    ),
    grantPlan: async () => {
      throw ApplicationFailure.nonRetryable('not used by the workflow', 'InvalidInput');
    },
  };
  const settle = (grantId: string, trancheNo: number) => {
    const key = `${grantId}/t${trancheNo}`;
    const payment = payments.get(key);
    if (!payment) throw new Error(`no payment ${key} to settle`);
    payments.set(key, { ...payment, status: 'settled', settledAt: new Date().toISOString() });
  };
  return { activities, payments, calls, settle };
}

/**
 * The disbursement workflow on the time-skipping server: a governance worker (workflows, child-decision and
 * disbursement activities, faked) and a funding worker on funding-activities whose rail pays once per key.
 */
export function useDisbursementWorkers() {
  const env = parseTestEnv(process.env);
  const taskQueue = uniqueName('disbursement');
  const facts: DisbursementFact[] = [];
  const openings: ChildDecisionOpening[] = [];
  const claimed = new Map<string, { grantId: string; trancheNo: number }>();
  const refuseFirstPayment = new Set<string>();
  const settleLater = new Set<string>();
  const holidaysAhead = new Set<string>();
  const calendarAsks: string[] = [];
  const funding = fakeFunding(refuseFirstPayment, settleLater);
  let testEnv: TestWorkflowEnvironment | undefined;
  const workers: Worker[] = [];
  const running: Promise<void>[] = [];

  const governance: ChildDecisionActivities &
    DisbursementActivities & { publishDecisionEvent: (e: DecisionEventToPublish) => Promise<void> } = {
    publishDecisionEvent: async () => undefined,
    prepareChildDecision: async (opening: ChildDecisionOpening): Promise<DecisionInput> => {
      openings.push(opening);
      const { kind, subjectId, communityCode, proposerId, title, summary, openedBy } = opening; // not programId
      const decisionId = decisionWorkflowId(kind, subjectId);
      return {
        decisionId,
        kind,
        subjectId,
        communityCode,
        proposerId,
        title,
        summary,
        openedBy,
        policy: childPolicy(kind),
      };
    },
    applyParkedDecisionUpdates: async () => 0,
    // Grants in `holidaysAhead` get a calendar whose next 10 days are all public holidays.
    noticeCalendar: async ({ from }) => {
      calendarAsks.push(from);
      const start = Date.parse(`${from}T00:00:00Z`);
      const days = Array.from({ length: 10 }, (_, i) =>
        new Date(start + (i + 1) * 86_400_000).toISOString().slice(0, 10),
      );
      return { holidays: holidaysAhead.size > 0 ? days : [], workdays: [], knownThrough: '2999-12-31' };
    },
    claimEvidence: async ({ grantId, trancheNo, hashes }) => {
      const conflicts = hashes.flatMap((sha256) => {
        const holder = claimed.get(sha256);
        return holder && holder.grantId !== grantId ? [{ sha256, ...holder }] : [];
      });
      if (conflicts.length === 0) hashes.forEach((sha256) => claimed.set(sha256, { grantId, trancheNo }));
      return { conflicts };
    },
    publishDisbursementFact: async (fact) => void facts.push(fact),
  };

  beforeAll(async () => {
    testEnv = await createTimeSkippingEnv(env.TEMPORAL_TEST_SERVER_PATH);
    const connection = testEnv.nativeConnection;
    workers.push(
      await Worker.create({
        connection,
        taskQueue,
        ...testWorkflowCode(WORKFLOWS_PATH),
        activities: governance,
      }),
      await Worker.create({ connection, taskQueue: FUNDING_TASK_QUEUE, activities: funding.activities }),
    );
    running.push(...workers.map((worker) => worker.run()));
  }, 120_000);
  afterAll(async () => {
    workers.forEach((worker) => worker.shutdown());
    await Promise.all(running);
    await testEnv?.teardown();
  });

  const environment = () => {
    if (!testEnv) throw new Error('the test environment is not up (beforeAll failed?)');
    return testEnv;
  };
  return {
    environment,
    facts,
    openings,
    funding,
    refuseFirstPayment,
    settleLater,
    holidaysAhead,
    calendarAsks,
    /** Starts `disbursement/<grantId>` with tranches due `dueInDays` apart (from the test server's now). */
    start: async (grantId: string, trancheCount: number, dueEveryDays = 120) => {
      const now = await environment().currentTimeMs();
      const input: DisbursementInput = {
        grantId,
        programId: 'prog-2026-elderly',
        organizationId: ORGANIZATION,
        communityCode: GRANT_COMMUNITY,
        funderId: FUNDER_PARTY,
        amount: { amountFen: 100_000 * trancheCount, currency: 'CNY' },
        noticeWorkingDays: 5,
        tranches: Array.from({ length: trancheCount }, (_, i) => ({
          trancheNo: i + 1,
          amountFen: 100_000,
          milestone: `第 ${i + 1} 阶段服务完成`,
          dueDate: new Date(now + (i + 1) * dueEveryDays * 86_400_000).toISOString().slice(0, 10),
        })),
      };
      return environment().client.workflow.start<typeof disbursementWorkflow>(
        'disbursementWorkflow',
        disbursementStartOptions(input, taskQueue),
      );
    },
  };
}
