import { createEvent } from '@sanshe/contracts';
import { type GrantFacts, raiseRequest, requestConflict, type RequestInput } from './disbursement-request';

const reason = { code: 'evidence-false', text: '签到表与现场照片不符，服务人次存疑' };
const FUNDER = 'funder:district-civil-affairs-fund';
const clawback: RequestInput = {
  kind: 'clawback',
  grantId: 'grant-2026-0007',
  trancheNo: 1,
  partyId: FUNDER,
  reason,
  amount: { amountFen: 720_000, currency: 'CNY' },
};
const paid: GrantFacts = {
  status: 'active',
  currency: 'CNY',
  trancheNos: [1, 2, 3],
  payment: { status: 'settled', amountFen: 720_000 },
};
const now = new Date('2026-11-28T01:00:00Z');

describe('what a grant takes from its funder', () => {
  it('a clawback of a paid tranche up to what it paid', () => {
    expect(requestConflict(clawback, paid)).toBeNull();
  });

  it('refuses a grant not active, naming its status', () => {
    expect(
      requestConflict({ ...clawback, kind: 'cancellation', trancheNo: null }, { ...paid, status: 'voided' }),
    ).toEqual(expect.objectContaining({ code: 'grant-not-active', status: 'voided' }));
  });

  it('refuses a tranche the grant has not (400) and a clawback in another currency', () => {
    expect(requestConflict({ ...clawback, kind: 'objection', trancheNo: 4, amount: null }, paid)).toEqual({
      code: 'input',
      path: '/body/trancheNo',
      message: 'grant grant-2026-0007 has tranches 1, 2, 3, not 4',
    });
    const usd = { ...clawback, amount: { amountFen: 1, currency: 'USD' } };
    expect(requestConflict(usd, paid)).toMatchObject({ code: 'input', path: '/body/amount/currency' });
  });

  it('refuses a clawback of a tranche not paid, or of more than it paid, with the figures', () => {
    expect(requestConflict(clawback, { ...paid, payment: null })).toMatchObject({
      code: 'tranche-not-paid',
      paymentStatus: null,
    });
    expect(requestConflict(clawback, { ...paid, payment: { status: 'instructed', amountFen: 720_000 } })).toMatchObject(
      {
        code: 'tranche-not-paid',
        paymentStatus: 'instructed',
      },
    );
    const more = { ...clawback, amount: { amountFen: 720_001, currency: 'CNY' } };
    expect(requestConflict(more, paid)).toMatchObject({
      code: 'amount-exceeds-paid',
      paidFen: 720_000,
      requestedFen: 720_001,
    });
  });
});

describe('the events funding sends for a funder', () => {
  it.each([
    ['objection', { ...clawback, kind: 'objection' as const, amount: null }, { trancheNo: 1 }],
    ['clawback', clawback, { trancheNo: 1, amount: clawback.amount }],
    ['cancellation', { ...clawback, kind: 'cancellation' as const, trancheNo: null, amount: null }, {}],
  ])('%s: cast by the funder party, valid against its contract', (_, input, extra) => {
    const { request, event } = raiseRequest('dreq-1', input, 'staff-7', now);
    expect(event.data).toEqual({ grantId: 'grant-2026-0007', partyId: FUNDER, castBy: FUNDER, reason, ...extra });
    expect(event.id).toBe(`${event.type}:dreq-1`);
    expect(request).toMatchObject({ eventId: event.id, castBySub: 'staff-7', status: 'sent' });
    expect(JSON.stringify(event)).not.toContain('staff-7');
    expect(() => createEvent({ ...event, source: 'sanshe/funding' })).not.toThrow();
  });
});
