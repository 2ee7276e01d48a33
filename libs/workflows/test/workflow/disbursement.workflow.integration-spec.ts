import { WorkflowUpdateFailedError, WorkflowUpdateStage } from '@temporalio/client';
import { ApplicationFailure } from '@temporalio/common';
import { EVENT_CATALOG, schemaProblems } from '@sanshe/contracts';
import { uniqueName } from '@sanshe/testing';
import { stateQuery, voteUpdate } from '../../src/decision/decision.api';
import {
  disbursementStateQuery,
  type DisbursementView,
  disbursementWorkflowId,
  objectDuringNoticeUpdate,
  paymentSettledSignal,
  proposeClawbackUpdate,
  requestCancellationUpdate,
  retryPaymentUpdate,
  submitEvidenceUpdate,
} from '../../src/disbursement/disbursement.api';
import { GrantIdKey, TrancheNoKey } from '../../src/disbursement/search-attributes';
import { approve, object } from './fixtures';
import {
  COMMUNITY_PARTY,
  FUNDER_PARTY,
  ORGANIZATION,
  RESIDENTS_PARTY,
  useDisbursementWorkers,
} from './disbursement-worker';
import { recordHistory } from './record-history';

const DAY = 86_400_000;
const hashOf = (seed: string) => Buffer.from(seed.padEnd(32, '.')).toString('hex').slice(0, 64);

describe('disbursementWorkflow on the time-skipping test server', () => {
  const { environment, start, facts, openings, funding, refuseFirstPayment, settleLater, holidaysAhead, calendarAsks } =
    useDisbursementWorkers();
  const client = () => environment().client;
  const handleOf = (grantId: string) => client().workflow.getHandle(disbursementWorkflowId(grantId));
  const factsOf = (grantId: string) => facts.filter((f) => f.grantId === grantId);
  const typesOf = (grantId: string) =>
    factsOf(grantId).map(
      (f) => `${f.type.split('.')[3]}${'trancheNo' in f.data ? `/t${String(f.data.trancheNo)}` : ''}`,
    );

  /** Queries until `ok` holds (a bounded number of tries: the workflow moves on its own between them). */
  async function eventually<T>(read: () => Promise<T>, ok: (value: T) => boolean): Promise<T> {
    let last: unknown;
    for (let attempt = 0; attempt < 100; attempt++) {
      try {
        const value = await read();
        if (ok(value)) return value;
        last = value;
      } catch (err) {
        last = err;
      }
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    throw new Error(`never reached: ${JSON.stringify(last)}`);
  }
  const atStage = (grantId: string, stage: DisbursementView['stage'], trancheNo?: number) =>
    eventually(
      () => handleOf(grantId).query(disbursementStateQuery),
      (view) => view.stage === stage && (trancheNo === undefined || view.trancheNo === trancheNo),
    );
  const submit = (grantId: string, trancheNo: number, seed = `${grantId}/t${trancheNo}`) =>
    handleOf(grantId).executeUpdate(submitEvidenceUpdate, {
      args: [
        {
          trancheNo,
          source: { type: 'activity-completed', id: `act-${trancheNo}` },
          evidence: [{ sha256: hashOf(seed), kind: 'photo' }],
          submittedBy: `organization:${ORGANIZATION}`,
        },
      ],
    });
  /** Two of the three seats (not the proposer: recused) answer the child decision `decision/<kind>/<subject>`. */
  async function decide(
    kind: string,
    subjectId: string,
    choice: 'approve' | 'object',
    voters = [COMMUNITY_PARTY, RESIDENTS_PARTY],
  ): Promise<void> {
    const child = client().workflow.getHandle(`decision/${kind}/${subjectId}`);
    await eventually(
      () => child.query(stateQuery),
      () => true,
    );
    const vote = choice === 'approve' ? approve : object;
    for (const voter of voters) {
      // With the proposer recused, one vote may settle it: the rest are not asked.
      if ((await child.query(stateQuery)).outcome) break;
      await child.executeUpdate(voteUpdate, { args: [vote(voter)] });
    }
    if (choice === 'object') await environment().sleep(2 * DAY); // past the deliberation the objections open
  }
  /** Evidence, an approving verification and a quiet notice: the tranche is paid. */
  async function payTranche(grantId: string, trancheNo: number): Promise<void> {
    await atStage(grantId, 'awaiting-evidence', trancheNo);
    await submit(grantId, trancheNo);
    await decide('milestone-verification', `${grantId}.t${trancheNo}`, 'approve');
    await atStage(grantId, 'notice', trancheNo);
    await environment().sleep(10 * DAY);
  }
  /** Every fact the grant published is valid against its contract (sanshe.governance.disbursement.*). */
  function expectFactsMatchContracts(grantId: string): void {
    const problems = factsOf(grantId).flatMap((fact) => {
      const definition = EVENT_CATALOG.find((d) => d.type === fact.type);
      if (!definition) return [`${fact.type}: not in the catalog`];
      return schemaProblems(definition.data, fact.data, '/data').map((p) => `${fact.type} ${p.path}: ${p.message}`);
    });
    expect(problems).toEqual([]);
  }
  async function expectRefused(promise: Promise<unknown>, code: string): Promise<void> {
    const error = await promise.then(
      () => undefined,
      (err: unknown) => err,
    );
    expect(error).toBeInstanceOf(WorkflowUpdateFailedError);
    const cause = (error as WorkflowUpdateFailedError).cause;
    expect(cause).toBeInstanceOf(ApplicationFailure);
    expect((cause as ApplicationFailure).type).toBe(code);
  }

  it('a three-tranche grant over a year: each verified, noticed and paid once, a reminder past a due date, continue-as-new per tranche', async () => {
    const grantId = uniqueName('grant');
    const started = await start(grantId, 3);
    await payTranche(grantId, 1);
    await atStage(grantId, 'awaiting-evidence', 2);
    await environment().sleep(235 * DAY); // past tranche 2's due date (day 240), before its escalation
    await payTranche(grantId, 2);
    await payTranche(grantId, 3);
    expect(await handleOf(grantId).result()).toEqual({ result: 'completed', paidTranches: 3 });

    expect(funding.calls.payTranche.filter((key) => key.startsWith(grantId))).toEqual(
      [1, 2, 3].map((n) => `${grantId}/t${n}`),
    );
    expect(typesOf(grantId)).toEqual([
      'started',
      ...['evidence-accepted', 'verification-opened', 'notice-opened', 'payment-requested', 'tranche-completed'].map(
        (f) => `${f}/t1`,
      ),
      'reminder/t2',
      ...['evidence-accepted', 'verification-opened', 'notice-opened', 'payment-requested', 'tranche-completed'].map(
        (f) => `${f}/t2`,
      ),
      ...['evidence-accepted', 'verification-opened', 'notice-opened', 'payment-requested', 'tranche-completed'].map(
        (f) => `${f}/t3`,
      ),
      'completed',
    ]);
    const verifications = openings.filter((o) => o.subjectId.startsWith(`${grantId}.`));
    expect(verifications.map((o) => [o.kind, o.subjectId, o.programId])).toEqual(
      [1, 2, 3].map((n) => ['milestone-verification', `${grantId}.t${n}`, 'prog-2026-elderly']),
    );
    const ids = factsOf(grantId).map((f) => f.eventId);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids[0]).toBe(`disbursement/${grantId}/started/t0/1`);
    expectFactsMatchContracts(grantId);
    const described = await handleOf(grantId).describe();
    expect(described.runId).not.toBe(started.firstExecutionRunId);
    expect(described.typedSearchAttributes.get(GrantIdKey)).toBe(grantId);
    expect(described.typedSearchAttributes.get(TrancheNoKey)).toBe(3);
    await recordHistory(
      client().workflow.getHandle(started.workflowId, started.firstExecutionRunId),
      'disbursement-first-tranche-paid',
    );
  });

  it('a rejected milestone opens remediation; new evidence is verified again (.r2) and approved', async () => {
    const grantId = uniqueName('grant');
    await start(grantId, 1);
    await atStage(grantId, 'awaiting-evidence', 1);
    await submit(grantId, 1);
    const verifying = await atStage(grantId, 'verifying', 1);
    expect(verifying.openVerification).toBe(`decision/milestone-verification/${grantId}.t1`);
    await decide('milestone-verification', `${grantId}.t1`, 'object');
    const rejected = await atStage(grantId, 'remediation', 1);
    expect(rejected.openVerification).toBeNull();
    // The state shows the tally each verification was decided on: both seats that voted objected (quorum 2).
    expect(rejected.verifications).toEqual([
      {
        decisionId: `decision/milestone-verification/${grantId}.t1`,
        outcome: expect.objectContaining({
          result: 'rejected',
          tally: expect.objectContaining({ approve: 0, object: 2, quorum: 2 }),
        }),
      },
    ]);
    await submit(grantId, 1, `${grantId}/t1/more`);
    await decide('milestone-verification', `${grantId}.t1.r2`, 'approve');
    await atStage(grantId, 'notice', 1);
    await environment().sleep(10 * DAY);
    expect(await handleOf(grantId).result()).toEqual({ result: 'completed', paidTranches: 1 });
    expect(typesOf(grantId)).toEqual(expect.arrayContaining(['remediation-opened/t1', 'tranche-completed/t1']));
    expectFactsMatchContracts(grantId);
  });

  it('an objection during notice reopens verification; the same party cannot object twice to the tranche', async () => {
    const grantId = uniqueName('grant');
    await start(grantId, 1);
    await atStage(grantId, 'awaiting-evidence', 1);
    await submit(grantId, 1);
    await decide('milestone-verification', `${grantId}.t1`, 'approve');
    await atStage(grantId, 'notice', 1);
    const objection = {
      trancheNo: 1,
      partyId: RESIDENTS_PARTY,
      castBy: RESIDENTS_PARTY,
      reason: '活动签到记录与照片日期不符',
    };
    await expectRefused(
      handleOf(grantId).executeUpdate(objectDuringNoticeUpdate, {
        args: [{ ...objection, partyId: 'community:elsewhere' }],
      }),
      'not-a-party',
    );
    expect(await handleOf(grantId).executeUpdate(objectDuringNoticeUpdate, { args: [objection] })).toEqual({
      reopened: true,
    });
    await decide('milestone-verification', `${grantId}.t1.r2`, 'approve');
    await atStage(grantId, 'notice', 1);
    await expectRefused(
      handleOf(grantId).executeUpdate(objectDuringNoticeUpdate, { args: [objection] }),
      'already-objected',
    );
    await environment().sleep(10 * DAY);
    expect(await handleOf(grantId).result()).toEqual({ result: 'completed', paidTranches: 1 });
    expect(typesOf(grantId).filter((t) => t.startsWith('objection-upheld'))).toEqual(['objection-upheld/t1']);
  });

  it('cancellation midway: a grant-cancellation decision, the reservation released, no further tranche; a paid tranche clawed back', async () => {
    const grantId = uniqueName('grant');
    await start(grantId, 3);
    await payTranche(grantId, 1);
    await atStage(grantId, 'awaiting-evidence', 2);
    const clawback = await handleOf(grantId).startUpdate(proposeClawbackUpdate, {
      args: [{ trancheNo: 1, proposedBy: COMMUNITY_PARTY, reason: '活动未真实开展', amountFen: 50_000 }],
      waitForStage: WorkflowUpdateStage.ACCEPTED,
    });
    await decide('grant-clawback', `${grantId}.t1`, 'approve', [RESIDENTS_PARTY, FUNDER_PARTY]);
    expect(await clawback.result()).toEqual({
      decisionId: `decision/grant-clawback/${grantId}.t1`,
      result: 'approved',
    });
    const cancellation = await handleOf(grantId).startUpdate(requestCancellationUpdate, {
      args: [{ requestedBy: FUNDER_PARTY, cause: 'funder', reason: '机构停止运营' }],
      waitForStage: WorkflowUpdateStage.ACCEPTED,
    });
    // While it is decided, the state names the decision (result still open).
    const pending = await eventually(
      () => handleOf(grantId).query(disbursementStateQuery),
      (view) => view.cancellation !== null,
    );
    expect(pending.cancellation).toEqual({ decisionId: `decision/grant-cancellation/${grantId}` });
    await decide('grant-cancellation', grantId, 'approve');
    expect(await cancellation.result()).toMatchObject({ result: 'approved' });
    expect(await handleOf(grantId).result()).toEqual({ result: 'cancelled', paidTranches: 1 });

    expect(funding.calls.released).toEqual(expect.arrayContaining([grantId]));
    expect(funding.calls.payTranche.filter((key) => key.startsWith(grantId))).toEqual([`${grantId}/t1`]);
    expect(funding.calls.clawbacks.filter((c) => c.grantId === grantId)).toEqual([
      expect.objectContaining({ trancheNo: 1, amountFen: 50_000, decisionId: `decision/grant-clawback/${grantId}.t1` }),
    ]);
    expect(typesOf(grantId).slice(-2)).toEqual(['clawback-requested/t1', 'cancelled']);
    expectFactsMatchContracts(grantId);
    await recordHistory(handleOf(grantId), 'disbursement-clawback-and-cancellation');
  });

  it('no evidence by the due date: a reminder, escalateAfterDays later an escalation; a lapsed remediation escalates too', async () => {
    const grantId = uniqueName('grant');
    await start(grantId, 1, 30);
    await atStage(grantId, 'awaiting-evidence', 1);
    await environment().sleep(30 * DAY); // past the due date (end of day 30 in Shanghai)
    await eventually(
      async () => typesOf(grantId),
      (types) => types.includes('reminder/t1'),
    );
    expect(typesOf(grantId)).not.toContain('escalated/t1');
    await environment().sleep(15 * DAY);
    await eventually(
      async () => factsOf(grantId).filter((f) => f.type.endsWith('.escalated.v1')),
      (e) => e.length === 1,
    );
    await submit(grantId, 1);
    await decide('milestone-verification', `${grantId}.t1`, 'object');
    await atStage(grantId, 'remediation', 1);
    await environment().sleep(31 * DAY);
    const escalations = await eventually(
      async () => factsOf(grantId).filter((f) => f.type.endsWith('.escalated.v1')),
      (e) => e.length === 2,
    );
    expect(escalations.map((f) => f.data.cause)).toEqual(['evidence-overdue', 'remediation-lapsed']);
    expect((await handleOf(grantId).query(disbursementStateQuery)).stage).toBe('remediation');
    expectFactsMatchContracts(grantId);
  });

  it('refuses evidence another grant already claimed (EvidenceReused), and accepts fresh evidence after', async () => {
    const first = uniqueName('grant');
    const second = uniqueName('grant');
    await start(first, 1);
    await start(second, 1);
    await atStage(first, 'awaiting-evidence', 1);
    await atStage(second, 'awaiting-evidence', 1);
    await submit(first, 1, 'shared-photo');
    await expectRefused(submit(second, 1, 'shared-photo'), 'EvidenceReused');
    expect((await handleOf(second).query(disbursementStateQuery)).stage).toBe('awaiting-evidence');
    expect(await submit(second, 1, 'own-photo')).toEqual({ accepted: 1 });
    // Left running (their verifications wait on votes): terminating a parent whose child decision it abandons
    // stalled the test server's time skipping for the tests after it.
  });

  it('retryPayment is refused until the payment is stuck; the retry asks funding again with the same key and it pays once', async () => {
    const grantId = uniqueName('grant');
    refuseFirstPayment.add(grantId);
    await start(grantId, 1);
    await atStage(grantId, 'awaiting-evidence', 1);
    const retry = { args: [{ operatorId: 'operator-1' }] as [{ operatorId: string }] };
    await expectRefused(handleOf(grantId).executeUpdate(retryPaymentUpdate, retry), 'wrong-stage');
    await submit(grantId, 1);
    await decide('milestone-verification', `${grantId}.t1`, 'approve');
    await atStage(grantId, 'notice', 1);
    await environment().sleep(10 * DAY);
    await atStage(grantId, 'payment-stuck', 1);
    expect(await handleOf(grantId).executeUpdate(retryPaymentUpdate, retry)).toEqual({
      retrying: true,
      operatorId: 'operator-1',
    });
    expect(await handleOf(grantId).result()).toEqual({ result: 'completed', paidTranches: 1 });
    // The Temporal UI's current details say where the grant stands.
    const metadata = await handleOf(grantId).query<{ currentDetails?: string }>('__temporal_workflow_metadata');
    expect(metadata.currentDetails).toMatch(/^阶段 completed，第 1 \/ 1 期\n已付：第 1 期 ¥1000\.00（pay-\d+）$/);
    expect(funding.calls.payTranche.filter((key) => key.startsWith(grantId))).toEqual([
      `${grantId}/t1`,
      `${grantId}/t1`,
    ]);
    expect([...funding.payments.keys()].filter((key) => key.startsWith(grantId))).toEqual([`${grantId}/t1`]);
    expect(typesOf(grantId)).toEqual(expect.arrayContaining(['payment-stuck/t1', 'tranche-completed/t1']));
    expectFactsMatchContracts(grantId);
  });

  it("funding's paymentSettled signal ends the wait for an instructed payment at once, not at the next poll", async () => {
    const grantId = uniqueName('grant');
    settleLater.add(grantId);
    await start(grantId, 1);
    await payTranche(grantId, 1);
    const instructed = await atStage(grantId, 'paying', 1);
    expect(instructed.payment?.status).toBe('instructed');
    // Time stands still now (no result awaited): the first poll is a minute away, the check below lasts 10 s.
    await handleOf(grantId).signal(paymentSettledSignal, { trancheNo: 2, paymentId: 'pay-other' }); // not this one
    await handleOf(grantId).signal(paymentSettledSignal, { trancheNo: 1, paymentId: 'pay-1' }); // before it settled
    funding.settle(grantId, 1);
    await handleOf(grantId).signal(paymentSettledSignal, { trancheNo: 1, paymentId: 'pay-1' });
    const view = await atStage(grantId, 'completed');
    expect(view.paid).toEqual([{ trancheNo: 1, amountFen: 100_000, paymentId: expect.any(String) }]);
    expect(await handleOf(grantId).result()).toEqual({ result: 'completed', paidTranches: 1 });
  });

  it("counts the public notice on governance's public calendar: ten days of holidays push it past them", async () => {
    const grantId = uniqueName('grant');
    await start(grantId, 1);
    await atStage(grantId, 'awaiting-evidence', 1);
    holidaysAhead.add(grantId);
    try {
      await submit(grantId, 1);
      await decide('milestone-verification', `${grantId}.t1`, 'approve');
      const notice = await atStage(grantId, 'notice', 1);
      const now = await environment().currentTimeMs();
      const today = new Date(now + 8 * 3_600_000).toISOString().slice(0, 10); // Shanghai
      expect(calendarAsks).toContain(today);
      // 5 working days Monday to Friday end within 9 days; after 10 days off, not before day 16.
      expect(Date.parse(notice.noticeUntil!) - now).toBeGreaterThan(15 * DAY);
    } finally {
      holidaysAhead.delete(grantId);
    }
    await environment().sleep(30 * DAY);
    expect(await handleOf(grantId).result()).toEqual({ result: 'completed', paidTranches: 1 });
  });
});
