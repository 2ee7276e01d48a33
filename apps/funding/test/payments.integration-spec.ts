import { getDataSourceToken } from '@nestjs/typeorm';
import { ApplicationFailure } from '@temporalio/common';
import type { Kafka } from 'kafkajs';
import type { DataSource } from 'typeorm';
import { contextTopic, deadLetterTopic, portalCommandsTopic, portalRepliesTopic } from '@sanshe/contracts';
import { ensureTopics, highWaterMarks, readToHighWaterMarks } from '@sanshe/messaging';
import { parseExposition } from '@sanshe/nest-platform';
import { eventually, testKafka, testPlatformEndpoint, testTopic, uniqueName } from '@sanshe/testing';
import type { FundingActivities } from '@sanshe/workflows';
import { Ledger } from '../src/ledger/application/ledger';
import { fundProgram, reserveGrant } from '../src/ledger/domain/postings';
import { FailPaymentHandler } from '../src/payments/application/fail-payment';
import { RetryPaymentHandler } from '../src/payments/application/retry-payment';
import { SettleDuePaymentsLoop } from '../src/payments/application/settle-due-payments';
import { FundingTemporalActivities } from '../src/worker/infrastructure/funding-activities';
import { auditor, call, COMMUNITY, FUNDER, funderAdmin, funderStaff, newId, orgAdmin } from './funding.fixtures';
import { type FundingUnderTest, startFundingUnderTest } from './funding-test-app';

/**
 * Payments exactly once on the real PostgreSQL and Kafka, through funding's activity functions called
 * directly (no Temporal): concurrent payTranche, the internal rail's settlement, a portal's confirmation,
 * a failed payment's explicit retry, and clawbacks. The internal rail never settles by itself here
 * (FUNDING_PAYMENT_SETTLE_MS is an hour): the test settles with settleDueNow.
 */
const PORTAL = uniqueName('fund-portal');
const OTHER_PORTAL = uniqueName('other-portal');
const LATER = () => new Date(Date.now() + 2 * 3_600_000);
let svc: FundingUnderTest;
let activities: FundingActivities;
let dataSource: DataSource;
let kafka: Kafka;
let fundingTopicStart: Map<number, number>;

beforeAll(async () => {
  kafka = testKafka('payments-test');
  fundingTopicStart = await highWaterMarks(kafka, testTopic(contextTopic('funding')));
  // The portals' topics, as governance's registry makes them (the broker creates none; funding may not).
  const portalTopics = [PORTAL, OTHER_PORTAL].flatMap((id) => [portalCommandsTopic(id), portalRepliesTopic(id)]);
  await ensureTopics(testPlatformEndpoint(), portalTopics);
  svc = await startFundingUnderTest({ env: { FUNDING_PAYMENT_SETTLE_MS: '3600000', FUNDING_PORTALS: PORTAL } });
  activities = svc.app.get(FundingTemporalActivities).activities();
  dataSource = svc.app.get<DataSource>(getDataSourceToken());
}, 60_000);
afterAll(() => svc?.close());

const table = (name: string) => `${svc.schema}."${name}"`;
const count = async (sql: string, params: unknown[]) =>
  Number((await svc.query<{ n: string }>(`SELECT count(*) AS n FROM ${sql}`, params))[0]?.n);
const entries = (key: string) => count(`${table('journal_entry')} WHERE idempotency_key LIKE $1`, [key]);
const outboxed = async (grantId: string, type: string) =>
  (await svc.outboxOf(grantId)).filter((event) => event.type === `sanshe.funding.${type}.v1`);
const settleDue = () => svc.app.get(SettleDuePaymentsLoop).settleDueNow(LATER());
/** Replies to `portalId` funding wrote and has not yet sent to Kafka. */
const unsentReplies = async (portalId: string) =>
  count(`${table('outbox')} WHERE topic = $1 AND sent_at IS NULL`, [portalRepliesTopic(portalId)]);

/** An open program of `funderId` and an active grant of it, its tranches scheduled and its award reserved. */
async function activeGrant(funderId: string, tranches = [1_440_000, 3_360_000]) {
  const programId = newId('prog');
  const grantId = newId('grant');
  const amountFen = tranches.reduce((sum, fen) => sum + fen, 0);
  const schedule = tranches.map((fen, i) => ({
    trancheNo: i + 1,
    amountFen: fen,
    milestone: `m${i + 1}`,
    dueDate: '2027-01-31',
  }));
  const ledger = svc.app.get(Ledger);
  await dataSource.transaction(async (manager) => {
    await manager.query(
      `INSERT INTO ${table('program')} (program_id, funder_id, funder_kind, title, mode, category, budget_fen,
         currency, period_from, period_to, district_code, eligibility, tranche_plan, notice_working_days,
         voting_mode, auto_award, status, revision, created_by, updated_by)
       VALUES ($1, $2, 'government', 'payments test', 'direct', 'elderly-care', 100000000, 'CNY', '2026-01-01',
         '2027-12-31', '310104', '{}', '[]', 5, 'rules', false, 'open', 1, $2, $2)`,
      [programId, funderId],
    );
    await manager.query(
      `INSERT INTO ${table('grant')} (grant_id, program_id, organization_id, community_code, funder_id, amount_fen,
         currency, title, status, decision_id, tranche_plan, tranches, activated_at, awarded_by)
       VALUES ($1, $2, 'org-payments', $3, $4, $5, 'CNY', 'payments test', 'active', $6, '[]', $7, now(), $4)`,
      [grantId, programId, COMMUNITY, funderId, amountFen, `decision/grant-award/${grantId}`, JSON.stringify(schedule)],
    );
    await ledger.openProgramAccounts(manager, programId, 'CNY');
    await ledger.post(manager, fundProgram(programId, { amountFen: 100_000_000, currency: 'CNY' }, 1));
    await ledger.openGrantAccounts(manager, grantId, 'CNY', amountFen);
    await ledger.post(manager, reserveGrant(programId, grantId, { amountFen, currency: 'CNY' }));
  });
  return { programId, grantId, amountFen };
}

/** What the activity threw, as Temporal sees it: a non-retryable failure of its type. */
async function failureOf(call: Promise<unknown>) {
  const error = await call.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ApplicationFailure);
  const { type, nonRetryable, message } = error as ApplicationFailure;
  return { type, nonRetryable, message };
}

/** Every record on the funding topic since the suite started whose key is `grantId`, once the relay sent them. */
async function fundingTopicAbout(grantId: string) {
  await eventually(
    async () =>
      expect(await count(`${table('outbox')} WHERE partition_key = $1 AND sent_at IS NULL`, [grantId])).toBe(0),
    { timeoutMs: 20_000 },
  );
  const records = await readToHighWaterMarks(kafka, testTopic(contextTopic('funding')), fundingTopicStart, {
    timeoutMs: 30_000,
  });
  return records
    .filter((record) => record.key === grantId)
    .map((record) => JSON.parse(record.value) as { type: string });
}

describe('a tranche paid exactly once', () => {
  it('50 concurrent payTranche → one payment, one instruct entry, one payment.instructed; settled once, tranche.paid once', async () => {
    const { grantId } = await activeGrant(FUNDER);
    const outcomes = await Promise.all(
      Array.from({ length: 50 }, () => activities.payTranche({ grantId, trancheNo: 1 })),
    );
    expect(new Set(outcomes.map((o) => o.paymentId)).size).toBe(1);
    expect(outcomes.every((o) => o.status === 'instructed' && o.amountFen === 1_440_000)).toBe(true);
    expect(await count(`${table('payment')} WHERE grant_id = $1`, [grantId])).toBe(1);
    expect(await entries(`instruct/${grantId}/%`)).toBe(1);

    expect(await settleDue()).toBe(1);
    expect(await settleDue()).toBe(0);
    const again = await activities.payTranche({ grantId, trancheNo: 1 });
    expect(again).toMatchObject({ paymentId: outcomes[0].paymentId, status: 'settled', settledAt: expect.any(String) });
    expect(await activities.paymentStatus({ grantId, trancheNo: 1 })).toEqual(again);
    expect(await entries(`settle/${grantId}/%`)).toBe(1);

    const onTopic = await fundingTopicAbout(grantId);
    expect(onTopic.map((event) => event.type)).toEqual([
      'sanshe.funding.payment.instructed.v1',
      'sanshe.funding.tranche.paid.v1',
    ]);
    expect(onTopic[1]).toMatchObject({
      data: {
        ...{ grantId, trancheNo: 1, paymentId: again.paymentId, amount: { amountFen: 1_440_000, currency: 'CNY' } },
        ...{ rail: 'internal', communityCode: COMMUNITY, railReference: `internal:${again.paymentId}:1` },
      },
    });
  }, 60_000);

  it('refuses, without retrying, a grant not found or not active and a tranche not scheduled', async () => {
    const { grantId } = await activeGrant(FUNDER);
    expect(await failureOf(activities.payTranche({ grantId, trancheNo: 3 }))).toEqual({
      type: 'TrancheNotFound',
      nonRetryable: true,
      message: `grant ${grantId} has no tranche 3 (has 1, 2)`,
    });
    expect(await failureOf(activities.payTranche({ grantId: 'grant-nowhere', trancheNo: 1 }))).toMatchObject({
      type: 'GrantNotFound',
      nonRetryable: true,
    });
    await svc.query(
      `UPDATE ${table('grant')} SET status = 'voided', voided_reason_code = 'cancelled' WHERE grant_id = $1`,
      [grantId],
    );
    expect(await failureOf(activities.payTranche({ grantId, trancheNo: 1 }))).toMatchObject({
      type: 'GrantNotActive',
      nonRetryable: true,
    });
    expect(await count(`${table('payment')} WHERE grant_id = $1`, [grantId])).toBe(0);
  });

  it('a failed payment is paid again only by an explicit retry, with the same paymentId; the grant completes', async () => {
    const { grantId } = await activeGrant(FUNDER, [1_000_000]);
    const { paymentId } = await activities.payTranche({ grantId, trancheNo: 1 });
    const failure = { code: 'account-frozen', text: '收款账户已冻结，银行退回拨付指令。' };
    await dataSource.transaction((manager) => svc.app.get(FailPaymentHandler).execute(manager, { paymentId, failure }));
    expect(await activities.payTranche({ grantId, trancheNo: 1 })).toMatchObject({
      paymentId,
      status: 'failed',
      failure,
    });
    expect(await settleDue()).toBe(0);

    const retried = await svc.app.get(RetryPaymentHandler).execute(paymentId);
    expect(retried).toMatchObject({ paymentId, status: 'instructed', attempt: 2 });
    await expect(svc.app.get(RetryPaymentHandler).execute(paymentId)).rejects.toMatchObject({
      code: 'PaymentNotFailed',
    });
    expect(await settleDue()).toBe(1);
    expect(await entries(`instruct/${grantId}/1`)).toBe(1);
    expect(await entries(`instruct/${grantId}/1/attempt-2`)).toBe(1);
    expect(await entries(`fail/${grantId}/1`)).toBe(1);
    expect((await outboxed(grantId, 'tranche.paid')).map((e) => e.data)).toEqual([
      expect.objectContaining({ paymentId, railReference: `internal:${paymentId}:2` }),
    ]);
    const [grant] = await svc.query<{ status: string }>(`SELECT status FROM ${table('grant')} WHERE grant_id = $1`, [
      grantId,
    ]);
    expect(grant?.status).toBe('completed');
    expect(await activities.payTranche({ grantId, trancheNo: 1 })).toMatchObject({ paymentId, status: 'settled' });
  }, 30_000);
});

describe('payments over HTTP', () => {
  it('the grant’s funder, its organization and auditors read its payments; only the funder’s admin retries one', async () => {
    const { grantId } = await activeGrant(FUNDER);
    const { paymentId } = await activities.payTranche({ grantId, trancheNo: 1 });
    const failure = { code: 'account-frozen', text: '收款账户已冻结' };
    await dataSource.transaction((manager) => svc.app.get(FailPaymentHandler).execute(manager, { paymentId, failure }));

    const path = `/grants/${grantId}/payments`;
    for (const reader of [funderStaff(), orgAdmin('org-payments'), auditor()]) {
      const read = await call<Record<string, unknown>[]>(svc, 'GET', path, reader);
      expect(read.status).toBe(200);
      expect(read.body).toEqual([
        expect.objectContaining({ paymentId, trancheNo: 1, status: 'failed', attempt: 1, rail: 'internal', failure }),
      ]);
    }
    expect((await call(svc, 'GET', path, orgAdmin('org-other'))).status).toBe(404);
    expect((await call(svc, 'GET', path, null)).status).toBe(401);
    expect(await call(svc, 'GET', '/grants/-bad/payments', auditor())).toMatchObject({
      status: 400,
      body: { problems: [expect.objectContaining({ path: '/params/grantId' })] },
    });

    const retry = `/payments/${paymentId}/retry`;
    expect((await call(svc, 'POST', retry, funderStaff())).status).toBe(403);
    expect((await call(svc, 'POST', retry, funderAdmin('funder:someone-else'))).status).toBe(403);
    expect((await call(svc, 'POST', '/payments/pay-nowhere/retry', funderAdmin())).status).toBe(404);
    const retried = await call(svc, 'POST', retry, funderAdmin());
    expect(retried).toMatchObject({ status: 200, body: { paymentId, status: 'instructed', attempt: 2 } });
    expect(retried.body).not.toHaveProperty('failure');
    expect(await call(svc, 'POST', retry, funderAdmin())).toMatchObject({
      status: 409,
      body: { code: 'PaymentNotFailed' },
    });
    expect(
      (await outboxed(grantId, 'payment.instructed')).map((e) => (e.data as { attempt?: number }).attempt),
    ).toEqual([undefined, 2]);
  });
});

describe('a portal funder’s confirmation', () => {
  it('settles the payment from that portal’s own channel; another portal, or another tranche, is answered rejected', async () => {
    const portalParty = `portal:${PORTAL}`;
    const { grantId } = await activeGrant(portalParty);
    const { paymentId } = await activities.payTranche({ grantId, trancheNo: 1 });
    await settleDue(); // the internal rail does not settle a portal's payment
    expect(await activities.paymentStatus({ grantId, trancheNo: 1 })).toMatchObject({ status: 'instructed' });
    const dlq = testTopic(deadLetterTopic(svc.schema.replace(/_/g, '-')));
    const dlqStart = await highWaterMarks(kafka, dlq);
    const confirm = (source: string, data: Record<string, unknown>) =>
      svc.publish(portalCommandsTopic(PORTAL), source, {
        type: 'sanshe.portal.payment.confirmed.v1',
        subject: paymentId,
        data: {
          ...{ paymentId, grantId, trancheNo: 1, portalId: portalParty, castBy: portalParty },
          ...{ railReference: 'XH-CZ-0031', confirmedAt: '2027-01-15T06:00:00.000Z', ...data },
        },
      });
    const other = `portal:${OTHER_PORTAL}`;
    const spoofed = await confirm(`portal/${OTHER_PORTAL}`, {
      portalId: other,
      castBy: other,
      railReference: 'FAKE-1',
    });
    const wrongTranche = await confirm(`portal/${PORTAL}`, { trancheNo: 2, railReference: 'FAKE-2' });
    const right = await confirm(`portal/${PORTAL}`, {});

    await eventually(
      async () =>
        expect(await activities.paymentStatus({ grantId, trancheNo: 1 })).toMatchObject({ status: 'settled' }),
      {
        timeoutMs: 20_000,
      },
    );
    const [row] = await svc.query<{ rail_reference: string; confirmed_by: string }>(
      `SELECT rail_reference, confirmed_by FROM ${table('payment')} WHERE payment_id = $1`,
      [paymentId],
    );
    expect(row).toEqual({ rail_reference: 'XH-CZ-0031', confirmed_by: portalParty });
    expect((await outboxed(grantId, 'tranche.paid')).map((e) => e.data)).toEqual([
      expect.objectContaining({ rail: 'portal-confirmed', confirmedBy: portalParty, railReference: 'XH-CZ-0031' }),
    ]);
    // Every confirmation is answered once on the replies topic of the portal whose commands topic it came on (the
    // refused two no longer dead-lettered: a refusal is an answer); nothing of this payment was dead-lettered.
    await eventually(async () => expect(await unsentReplies(PORTAL)).toBe(0), { timeoutMs: 20_000 });
    const replies = (await readToHighWaterMarks(kafka, testTopic(portalRepliesTopic(PORTAL)))).map((r) =>
      JSON.parse(r.value),
    );
    const answerOf = (id: string) => replies.filter((reply) => reply.data.commandId === id);
    expect(answerOf(spoofed.id).map((reply) => [reply.type, reply.data.code, reply.data.reason])).toEqual([
      [
        'sanshe.funding.portal.command-rejected.v1',
        'wrong-channel',
        expect.stringMatching(/^payment \S+ is confirmed only by portal:fund-portal-/),
      ],
    ]);
    expect(answerOf(wrongTranche.id).map((reply) => [reply.data.code, reply.data.portalId])).toEqual([
      ['payment-mismatch', PORTAL],
    ]);
    expect(answerOf(right.id).map((reply) => [reply.type, reply.data.result])).toEqual([
      ['sanshe.funding.portal.command-accepted.v1', { paymentId, outcome: 'settled' }],
    ]);
    expect((await readToHighWaterMarks(kafka, dlq, dlqStart)).filter((r) => r.key === paymentId)).toEqual([]);
  }, 60_000);
});

describe('funding’s budget and clawback activities', () => {
  it('reserve answers alreadyReserved; release moves the unspent reservation back once', async () => {
    const { grantId, programId } = await activeGrant(FUNDER);
    expect(await activities.reserveGrantBudget({ grantId })).toEqual({
      reservedFen: 4_800_000,
      currency: 'CNY',
      alreadyReserved: true,
    });
    await activities.payTranche({ grantId, trancheNo: 1 });
    const releases = await Promise.all(
      [1, 2, 3].map(() => activities.releaseReservation({ grantId, reason: '项目终止' })),
    );
    expect(releases.map((r) => r.releasedFen).sort()).toEqual([0, 0, 3_360_000]);
    expect((await outboxed(grantId, 'reservation.released')).map((e) => e.data)).toEqual([
      { grantId, programId, amount: { amountFen: 3_360_000, currency: 'CNY' }, reason: '项目终止' },
    ]);
    const plan = await activities.grantPlan({ grantId });
    expect(plan).toMatchObject({ grantId, programId, status: 'active', amountFen: 4_800_000, noticeWorkingDays: 5 });
    expect(plan.tranches.map((t) => [t.trancheNo, t.paid])).toEqual([
      [1, false],
      [2, false],
    ]);
  });

  it('a clawback of a paid tranche is requested once, never beyond what was paid', async () => {
    const { grantId } = await activeGrant(FUNDER);
    const input = {
      grantId,
      trancheNo: 1,
      amountFen: 720_000,
      decisionId: `decision/milestone-verification/${grantId}`,
      reason: '虚报服务人次',
    };
    expect(await failureOf(activities.requestClawback(input))).toMatchObject({
      type: 'TrancheNotPaid',
      nonRetryable: true,
    });
    expect(await failureOf(activities.requestClawback({ ...input, decisionId: 'not a decision' }))).toMatchObject({
      type: 'InvalidInput',
      message: expect.stringContaining('/decisionId'),
    });
    await activities.payTranche({ grantId, trancheNo: 1 });
    await settleDue();
    expect(await failureOf(activities.requestClawback({ ...input, amountFen: 1_440_001 }))).toMatchObject({
      type: 'AmountExceedsPaid',
      nonRetryable: true,
    });

    const answers = await Promise.all(Array.from({ length: 10 }, () => activities.requestClawback(input)));
    expect(new Set(answers.map((a) => a.clawbackId)).size).toBe(1);
    expect(answers.filter((a) => !a.alreadyRequested)).toHaveLength(1);
    expect(await entries(`clawback/${grantId}/%`)).toBe(1);
    expect((await outboxed(grantId, 'clawback.requested')).map((e) => e.data)).toEqual([
      expect.objectContaining({ grantId, trancheNo: 1, amount: { amountFen: 720_000, currency: 'CNY' } }),
    ]);
    expect(await failureOf(activities.requestClawback({ ...input, amountFen: 100 }))).toMatchObject({
      type: 'ClawbackConflict',
      nonRetryable: true,
    });
    expect((await activities.grantPlan({ grantId })).tranches.map((t) => t.paid)).toEqual([true, false]);
  }, 30_000);
});

describe('GET /metrics (funding with its payments)', () => {
  it("exposes the platform's series and the payments' from funding's table, with no id among the labels", async () => {
    const response = await fetch(`${svc.baseUrl}/metrics`); // no token: as /health
    expect(response.status).toBe(200);
    const { types, samples } = parseExposition(await response.text());
    for (const [name, type] of Object.entries({
      sanshe_http_requests_total: 'counter',
      sanshe_http_request_duration_seconds: 'histogram',
      sanshe_outbox_unsent_events: 'gauge',
      sanshe_outbox_oldest_unsent_age_seconds: 'gauge',
      sanshe_outbox_published_events_total: 'counter',
      sanshe_consumer_lag_messages: 'gauge',
      sanshe_inbox_retries_total: 'counter',
      sanshe_inbox_dead_letters_total: 'counter',
      sanshe_funding_payments: 'gauge',
      sanshe_funding_payment_oldest_instructed_age_seconds: 'gauge',
      sanshe_funding_payment_settle_seconds: 'gauge',
      process_resident_memory_bytes: 'gauge',
    }))
      expect([name, types.get(name)]).toEqual([name, type]);
    const byStatus = await svc.query<{ status: string; rail: string; n: number }>(
      `SELECT status, rail, count(*)::int AS n FROM ${table('payment')} GROUP BY status, rail`,
    );
    expect(byStatus.map(({ status }) => status)).toEqual(expect.arrayContaining(['settled']));
    const exposed = samples.filter((sample) => sample.name === 'sanshe_funding_payments');
    expect(exposed.map(({ labels, value }) => ({ ...labels, n: value }))).toEqual(expect.arrayContaining(byStatus));
    expect(exposed).toHaveLength(byStatus.length);
    const settle = samples.filter((sample) => sample.name === 'sanshe_funding_payment_settle_seconds');
    expect(settle.map((sample) => sample.labels.quantile)).toEqual(['0.5', '0.9', '0.99']);
    const ids = await svc.query<{ id: string }>(
      `SELECT payment_id AS id FROM ${table('payment')} UNION SELECT grant_id FROM ${table('payment')}
        UNION SELECT organization_id FROM ${table('payment')} UNION SELECT program_id FROM ${table('payment')}`,
    );
    const labelValues = samples.flatMap((sample) => Object.values(sample.labels));
    expect(labelValues.filter((value) => ids.some(({ id }) => value.includes(id)))).toEqual([]);
  });
});
