import { getDataSourceToken } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { contextTopic } from '@sanshe/contracts';
import { eventually } from '@sanshe/testing';
import { Ledger } from '../src/ledger/application/ledger';
import { fundProgram, reserveGrant } from '../src/ledger/domain/postings';
import { SettleDuePaymentsLoop } from '../src/payments/application/settle-due-payments';
import { FundingTemporalActivities } from '../src/worker/infrastructure/funding-activities';
import { auditor, call, COMMUNITY, FUNDER, funderAdmin, funderStaff, newId, orgAdmin } from './funding.fixtures';
import { type FundingUnderTest, startFundingUnderTest } from './funding-test-app';

/**
 * The funder's disbursement requests on the real PostgreSQL and Kafka: an objection, a clawback of a paid tranche
 * and a cancellation request are each one sanshe.funding.disbursement.* event on funding's topic (castBy the
 * funder party), stored with the request; the grant must exist, be active, and a clawback's tranche be paid for
 * at least the amount; every refusal (400, 401, 403, 404, 409) writes nothing; governance's request-refused, from
 * its channel only, shows on the request.
 */
const reason = { code: 'evidence-false', text: '签到表与现场照片不符，服务人次存疑' };
const OTHER_FUNDER = 'funder:another-fund';
let svc: FundingUnderTest;
let dataSource: DataSource;

beforeAll(async () => {
  svc = await startFundingUnderTest({ env: { FUNDING_PAYMENT_SETTLE_MS: '3600000' } });
  dataSource = svc.app.get<DataSource>(getDataSourceToken());
}, 60_000);
afterAll(() => svc?.close());

const table = (name: string) => `${svc.schema}."${name}"`;
const counts = async () =>
  svc.query(
    `SELECT (SELECT count(*) FROM ${table('funding_disbursement_request')}) AS requests,
            (SELECT count(*) FROM ${table('outbox')} WHERE event_type LIKE 'sanshe.funding.disbursement.%') AS events`,
  );

/** A grant of FUNDER with two tranches (720 000 and 1 680 000 fen), its award reserved; tranche 1 paid when asked. */
async function grantOf(status: 'active' | 'voided', options: { payFirst?: boolean } = {}) {
  const programId = newId('prog');
  const grantId = newId('grant');
  const schedule = [720_000, 1_680_000].map((amountFen, i) => ({
    ...{ trancheNo: i + 1, amountFen, milestone: `m${i + 1}`, dueDate: '2027-01-31' },
  }));
  const ledger = svc.app.get(Ledger);
  await dataSource.transaction(async (manager) => {
    await manager.query(
      `INSERT INTO ${table('program')} (program_id, funder_id, funder_kind, title, mode, category, budget_fen,
         currency, period_from, period_to, district_code, eligibility, tranche_plan, notice_working_days,
         voting_mode, auto_award, status, revision, created_by, updated_by)
       VALUES ($1, $2, 'government', 'requests test', 'direct', 'elderly-care', 100000000, 'CNY', '2026-01-01',
         '2027-12-31', '310104', '{}', '[]', 5, 'rules', false, 'open', 1, $2, $2)`,
      [programId, FUNDER],
    );
    await manager.query(
      `INSERT INTO ${table('grant')} (grant_id, program_id, organization_id, community_code, funder_id, amount_fen,
         currency, title, status, decision_id, tranche_plan, tranches, activated_at, voided_reason_code, awarded_by)
       VALUES ($1, $2, 'org-requests', $3, $4, 2400000, 'CNY', 'requests test', $5, $6, '[]', $7, now(), $8, $4)`,
      [
        ...[grantId, programId, COMMUNITY, FUNDER, status, `decision/grant-award/${grantId}`, JSON.stringify(schedule)],
        status === 'voided' ? 'cancelled' : null,
      ],
    );
    await ledger.openProgramAccounts(manager, programId, 'CNY');
    await ledger.post(manager, fundProgram(programId, { amountFen: 100_000_000, currency: 'CNY' }, 1));
    await ledger.openGrantAccounts(manager, grantId, 'CNY', 2_400_000);
    await ledger.post(manager, reserveGrant(programId, grantId, { amountFen: 2_400_000, currency: 'CNY' }));
  });
  if (options.payFirst) {
    await svc.app.get(FundingTemporalActivities).activities().payTranche({ grantId, trancheNo: 1 });
    await svc.app.get(SettleDuePaymentsLoop).settleDueNow(new Date(Date.now() + 2 * 3_600_000));
  }
  return grantId;
}

describe('the funder’s disbursement requests', () => {
  it('sends an objection, a clawback of the paid tranche and a cancellation, each one event on funding’s topic', async () => {
    const grantId = await grantOf('active', { payFirst: true });
    const objection = await call(svc, 'POST', `/grants/${grantId}/objections`, funderStaff(), { trancheNo: 2, reason });
    expect(objection).toMatchObject({ status: 201, body: { kind: 'objection', partyId: FUNDER, status: 'sent' } });
    const amount = { amountFen: 720_000, currency: 'CNY' };
    const clawback = await call(svc, 'POST', `/grants/${grantId}/clawback-proposals`, funderAdmin(), {
      ...{ trancheNo: 1, amount, reason },
    });
    expect(clawback).toMatchObject({ status: 201, body: { kind: 'clawback', amount, castBy: `admin-of-${FUNDER}` } });
    const cancellation = await call(svc, 'POST', `/grants/${grantId}/cancellation-requests`, funderAdmin(), { reason });
    expect(cancellation.status).toBe(201);
    const events = (await svc.outboxOf(grantId)).filter((e) => e.type.startsWith('sanshe.funding.disbursement.'));
    const asked = { grantId, partyId: FUNDER, castBy: FUNDER, reason };
    expect(events.map(({ id, type, source, data }) => ({ id, type, source, data }))).toEqual([
      {
        ...{ id: objection.body.eventId, type: 'sanshe.funding.disbursement.objection-raised.v1' },
        ...{ source: 'sanshe/funding', data: { ...asked, trancheNo: 2 } },
      },
      {
        ...{ id: clawback.body.eventId, type: 'sanshe.funding.disbursement.clawback-proposed.v1' },
        ...{ source: 'sanshe/funding', data: { ...asked, trancheNo: 1, amount } },
      },
      {
        ...{ id: cancellation.body.eventId, type: 'sanshe.funding.disbursement.cancellation-requested.v1' },
        ...{ source: 'sanshe/funding', data: asked },
      },
    ]);
    expect(JSON.stringify(events)).not.toContain(`admin-of-${FUNDER}`);
    await eventually(async () => {
      const rows = await svc.query<{ topic: string; sent: boolean }>(
        `SELECT DISTINCT topic, sent_at IS NOT NULL AS sent FROM ${table('outbox')} WHERE event_id = ANY ($1::text[])`,
        [events.map((e) => e.id)],
      );
      expect(rows).toEqual([{ topic: contextTopic('funding'), sent: true }]);
    });
    const before = await counts();
    const again = await call(svc, 'POST', `/grants/${grantId}/objections`, funderAdmin(), { trancheNo: 2, reason });
    expect(again).toMatchObject({ status: 409, body: { code: 'already-objected' } });
    const twice = await call(svc, 'POST', `/grants/${grantId}/cancellation-requests`, funderStaff(), { reason });
    expect(twice).toMatchObject({ status: 409, body: { code: 'cancellation-pending' } });
    expect(await counts()).toEqual(before);
    const listed = await call(svc, 'GET', `/grants/${grantId}/requests`, auditor());
    expect((listed.body as unknown as { kind: string }[]).map((r) => r.kind)).toEqual([
      'objection',
      'clawback',
      'cancellation',
    ]);
  });

  it('refuses, writing nothing: 400, 401, 403, 404, and 409 with the grant’s status or the tranche’s figures', async () => {
    const grantId = await grantOf('active', { payFirst: true });
    const voided = await grantOf('voided');
    const before = await counts();
    const claw = (id: string, body: Record<string, unknown>, who = funderAdmin()) =>
      call(svc, 'POST', `/grants/${id}/clawback-proposals`, who, { trancheNo: 1, reason, ...body });
    const fen = (amountFen: number) => ({ amount: { amountFen, currency: 'CNY' } });
    expect(await claw(grantId, { ...fen(1), reason: { code: 'x', text: 'short' } })).toMatchObject({
      status: 400,
      body: { problems: [{ path: '/body/reason/text' }] },
    });
    expect(await claw(grantId, { ...fen(1), trancheNo: 3 })).toMatchObject({
      status: 400,
      body: { problems: [{ path: '/body/trancheNo', message: `grant ${grantId} has tranches 1, 2, not 3` }] },
    });
    expect((await claw(grantId, fen(1), null as never)).status).toBe(401);
    expect((await claw(grantId, fen(1), funderAdmin(OTHER_FUNDER))).status).toBe(403);
    expect((await claw(grantId, fen(1), orgAdmin('org-requests'))).status).toBe(403);
    expect(await claw('grant-nope', fen(1))).toMatchObject({ status: 404, body: { code: 'grant-not-found' } });
    expect(await claw(voided, fen(1))).toMatchObject({
      status: 409,
      body: { code: 'grant-not-active', status: 'voided' },
    });
    expect(await claw(grantId, { ...fen(1), trancheNo: 2 })).toMatchObject({
      status: 409,
      body: { code: 'tranche-not-paid', paymentStatus: null },
    });
    expect(await claw(grantId, fen(720_001))).toMatchObject({
      status: 409,
      body: { code: 'amount-exceeds-paid', paidFen: 720_000, requestedFen: 720_001 },
    });
    const cancel = await call(svc, 'POST', `/grants/${voided}/cancellation-requests`, funderAdmin(), { reason });
    expect(cancel).toMatchObject({ status: 409, body: { code: 'grant-not-active' } });
    expect(await counts()).toEqual(before);
    expect((await call(svc, 'GET', `/grants/${grantId}/requests`, funderAdmin(OTHER_FUNDER))).status).toBe(403);
    expect((await call(svc, 'GET', '/grants/grant-nope/requests', auditor())).status).toBe(404);
  });

  it('shows governance’s refusal on the request, from its channel only; a refused objection may be sent again', async () => {
    const grantId = await grantOf('active');
    const object = (trancheNo: number) =>
      call(svc, 'POST', `/grants/${grantId}/objections`, funderStaff(), { trancheNo, reason });
    const first = await object(1);
    const marker = await object(2);
    // Same topic and key (the grant): governance's topic delivers these three in order.
    const refuse = (source: string, requestEventId: unknown, code: string) =>
      svc.publish(contextTopic('governance'), source, {
        type: 'sanshe.governance.disbursement.request-refused.v1',
        subject: grantId,
        id: newId('refused'),
        data: {
          ...{ grantId, requestEventId: String(requestEventId), partyId: FUNDER, code, reason: `refused: ${code}` },
          requestType: 'sanshe.funding.disbursement.objection-raised.v1',
        },
      });
    const requests = async () =>
      (await call(svc, 'GET', `/grants/${grantId}/requests`, funderStaff())).body as unknown as Record<
        string,
        unknown
      >[];
    await refuse('sanshe/portal/xuhui', first.body.eventId, 'forged');
    await refuse('sanshe/governance', marker.body.eventId, 'wrong-stage');
    await eventually(async () => expect((await requests())[1]).toMatchObject({ status: 'refused' }));
    expect((await requests())[0]).toMatchObject({ status: 'sent', refusal: null });
    await refuse('sanshe/governance', first.body.eventId, 'wrong-stage');
    await eventually(async () =>
      expect((await requests())[0]).toMatchObject({
        status: 'refused',
        refusal: { code: 'wrong-stage', reason: 'refused: wrong-stage' },
      }),
    );
    expect((await object(1)).status).toBe(201);
  });
});
