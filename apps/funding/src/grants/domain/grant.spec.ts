import { awardRefusal } from './award';
import { activated, effectOfDecision, type Grant, grantDecisionId, voided } from './grant';

const grant: Grant = {
  grantId: 'grant-app-prop-1',
  applicationId: 'app-prop-1',
  proposalId: 'prop-1',
  programId: 'prog-1',
  organizationId: 'org-1',
  communityCode: '310104-005-001',
  funderId: 'funder:xuhui-civil-affairs',
  amountFen: 1_000_001,
  currency: 'CNY',
  title: '长者午餐',
  status: 'awarded',
  tranchePlan: [
    { trancheNo: 1, percent: 33, milestone: '启动', dueAfterDays: 0 },
    { trancheNo: 2, percent: 33, milestone: '中期', dueAfterDays: 30 },
    { trancheNo: 3, percent: 34, milestone: '结项', dueAfterDays: 60 },
  ],
  decisionId: grantDecisionId('grant-app-prop-1'),
  tranches: null,
  activatedAt: null,
  voidedReasonCode: null,
};

describe('a grant’s lifecycle', () => {
  it('an awarded grant activates with tranches summing exactly to the amount, due from the Shanghai day', () => {
    const active = activated(grant, new Date('2026-11-27T16:30:00.000Z'));
    expect(active).toMatchObject({ status: 'active', activatedAt: '2026-11-27T16:30:00.000Z' });
    expect(active?.tranches).toEqual([
      { trancheNo: 1, amountFen: 330_000, milestone: '启动', dueDate: '2026-11-28' },
      { trancheNo: 2, amountFen: 330_000, milestone: '中期', dueDate: '2026-12-28' },
      { trancheNo: 3, amountFen: 340_001, milestone: '结项', dueDate: '2027-01-27' },
    ]);
  });

  it('only an awarded grant activates or is voided; an active one is left to a cancellation decision', () => {
    const active = activated(grant, new Date())!;
    expect(activated(active, new Date())).toBeNull();
    expect(voided(active, 'organization-deregistered')).toBeNull();
    const gone = voided(grant, 'organization-deregistered')!;
    expect(gone).toMatchObject({ status: 'voided', voidedReasonCode: 'organization-deregistered' });
    expect(activated(gone, new Date())).toBeNull();
    expect(voided(gone, 'decision-rejected')).toBeNull();
  });

  it('maps each decision result: approved activates, rejected and withdrawn void with their codes', () => {
    expect(effectOfDecision('approved')).toEqual({ kind: 'activate' });
    expect(effectOfDecision('rejected')).toEqual({ kind: 'void', reasonCode: 'decision-rejected' });
    expect(effectOfDecision('withdrawn')).toEqual({ kind: 'void', reasonCode: 'decision-withdrawn' });
  });
});

describe('awardRefusal', () => {
  const check = {
    amountFen: 500,
    currency: 'CNY',
    requestedFen: 600,
    requestedCurrency: 'CNY',
    availableFen: 1_000,
    pendingFen: 400,
    tranchePercents: [30, 40, 30],
  };

  it('allows up to the request and up to available minus pending awards', () => {
    expect(awardRefusal(check)).toBeNull();
    expect(awardRefusal({ ...check, amountFen: 600 })).toBeNull(); // 600 = 1 000 − 400: exactly what is left
    expect(awardRefusal({ ...check, pendingFen: 501 })).toEqual({
      code: 'insufficient-available',
      availableFen: 1_000,
      pendingFen: 501,
    });
  });

  it('refuses an amount too small to give every tranche a fen, naming the first empty one and the minimum', () => {
    // 1 fen at 30/40/30: shares 0.3/0.4/0.3 → floors 0/0/0, the one fen left goes to the largest remainder (40)
    expect(awardRefusal({ ...check, amountFen: 1 })).toEqual({
      code: 'amount-below-tranches',
      trancheNo: 1,
      minimumFen: 3,
    });
    // 3 fen: 0.9/1.2/0.9 → floors 0/1/0, two fen left to the remainders .9 and .9 (tranches 1 and 3) → 1/1/1
    expect(awardRefusal({ ...check, amountFen: 3 })).toBeNull();
    // 4 fen at 10/90: 0.4/3.6 → 0/3, one fen left to the larger remainder .6 (tranche 2) → 0/4: tranche 1 empty
    expect(awardRefusal({ ...check, amountFen: 4, tranchePercents: [10, 90] })).toEqual({
      code: 'amount-below-tranches',
      trancheNo: 1,
      minimumFen: 5, // 5 fen: 0.5/4.5 → floors 0/4, the fen left to the tie's earlier tranche → 1/4
    });
  });

  it('refuses more than requested before looking at the budget, and another currency', () => {
    expect(awardRefusal({ ...check, amountFen: 601, availableFen: 0 })).toEqual({
      code: 'amount-over-requested',
      requestedFen: 600,
    });
    expect(awardRefusal({ ...check, currency: 'USD' })).toEqual({ code: 'currency-mismatch', currency: 'CNY' });
  });
});
