import { type Clawback, type ClawbackRequest, clawbackStep } from './clawback';

const request = (overrides: Partial<ClawbackRequest> = {}): ClawbackRequest => ({
  grantId: 'grant-1',
  trancheNo: 2,
  amountFen: 960_000,
  decisionId: 'decision/milestone-verification/grant-1-2',
  reason: '中期评估发现服务人次虚报',
  ...overrides,
});
const paid = { paymentId: 'pay-1', status: 'settled' as const, amountFen: 1_920_000 };
const existing: Clawback = {
  clawbackId: 'claw-1',
  paymentId: 'pay-1',
  currency: 'CNY',
  status: 'requested',
  requestedAt: new Date(),
  ...request(),
};

describe('a clawback request', () => {
  it('claws back at most what the tranche’s settled payment paid', () => {
    expect(clawbackStep(request(), paid, null)).toEqual({ kind: 'request' });
    expect(clawbackStep(request({ amountFen: 1_920_000 }), paid, null)).toEqual({ kind: 'request' });
    expect(clawbackStep(request({ amountFen: 1_920_001 }), paid, null)).toEqual({
      kind: 'refuse',
      code: 'AmountExceedsPaid',
      message: 'grant grant-1 tranche 2 paid 1920000 fen; 1920001 fen cannot be clawed back',
    });
  });

  it('refuses a tranche not (yet) paid, and an amount that is not positive whole fen', () => {
    expect(clawbackStep(request(), null, null)).toMatchObject({
      code: 'TrancheNotPaid',
      message: expect.stringContaining('it has no payment'),
    });
    expect(clawbackStep(request(), { ...paid, status: 'instructed' }, null)).toMatchObject({ code: 'TrancheNotPaid' });
    expect(clawbackStep(request({ amountFen: 0 }), paid, null)).toMatchObject({ code: 'InvalidClawback' });
    expect(clawbackStep(request({ amountFen: 10.5 }), paid, null)).toMatchObject({ code: 'InvalidClawback' });
  });

  it('answers the same request again as a repeat, and refuses another one for the tranche', () => {
    expect(clawbackStep(request(), paid, existing)).toEqual({ kind: 'repeat' });
    expect(clawbackStep(request({ amountFen: 100 }), paid, existing)).toMatchObject({
      code: 'ClawbackConflict',
      message: expect.stringContaining('already clawed back (claw-1: 960000 fen'),
    });
    expect(clawbackStep(request({ decisionId: 'decision/x/y' }), paid, existing)).toMatchObject({
      code: 'ClawbackConflict',
    });
  });
});
