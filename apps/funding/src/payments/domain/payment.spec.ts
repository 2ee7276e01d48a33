import { allTranchesSettled, attemptSuffix, outcomeOf, type Payment, railOf, trancheToPay } from './payment';
import { confirmationStep, type PortalConfirmation } from './portal-confirmation';

const payment = (overrides: Partial<Payment> = {}): Payment => ({
  paymentId: 'pay-1',
  grantId: 'grant-1',
  trancheNo: 2,
  programId: 'prog-1',
  organizationId: 'org-1',
  communityCode: '310104-005-001',
  amountFen: 1_920_000,
  currency: 'CNY',
  rail: 'internal',
  confirmingParty: null,
  status: 'instructed',
  attempt: 1,
  railReference: null,
  settleAfter: new Date('2027-01-15T06:00:02Z'),
  instructedAt: new Date('2027-01-15T06:00:00Z'),
  settledAt: null,
  confirmedBy: null,
  failure: null,
  ...overrides,
});
const tranches = [
  { trancheNo: 1, amountFen: 1_440_000 },
  { trancheNo: 2, amountFen: 1_920_000 },
  { trancheNo: 3, amountFen: 1_440_000 },
];
const grant = (status = 'active') => ({ grantId: 'grant-1', status, tranches });

describe('a tranche payment', () => {
  it('goes through the funder’s portal when the funder is a portal, else the internal rail', () => {
    expect(railOf('portal:xuhui-civil-affairs')).toEqual({
      rail: 'portal-confirmed',
      confirmingParty: 'portal:xuhui-civil-affairs',
    });
    expect(railOf('funder:district-civil-affairs-fund')).toEqual({ rail: 'internal', confirmingParty: null });
  });

  it('pays only a scheduled tranche of an active grant, naming why not', () => {
    expect(trancheToPay(grant(), 2)).toEqual({ trancheNo: 2, amountFen: 1_920_000 });
    expect(trancheToPay(grant('awarded'), 2)).toEqual({
      refused: 'GrantNotActive',
      message: 'grant grant-1 is awarded, not active',
    });
    expect(trancheToPay(grant('voided'), 1)).toMatchObject({ refused: 'GrantNotActive' });
    expect(trancheToPay(grant(), 4)).toEqual({
      refused: 'TrancheNotFound',
      message: 'grant grant-1 has no tranche 4 (has 1, 2, 3)',
    });
  });

  it('completes the grant only when every scheduled tranche is settled', () => {
    const settled = (trancheNo: number) => payment({ trancheNo, status: 'settled', settledAt: new Date() });
    expect(allTranchesSettled(grant(), [settled(1), settled(2)])).toBe(false);
    expect(allTranchesSettled(grant(), [settled(1), settled(2), payment({ trancheNo: 3 })])).toBe(false);
    expect(allTranchesSettled(grant(), [settled(1), settled(2), settled(3)])).toBe(true);
    expect(allTranchesSettled({ ...grant(), tranches: null }, [])).toBe(false);
  });

  it('answers its outcome with settledAt or the failure only when it has one', () => {
    expect(outcomeOf(payment())).toEqual({
      paymentId: 'pay-1',
      grantId: 'grant-1',
      trancheNo: 2,
      amountFen: 1_920_000,
      currency: 'CNY',
      status: 'instructed',
    });
    const at = new Date('2027-01-15T06:00:03Z');
    expect(outcomeOf(payment({ status: 'settled', settledAt: at }))).toMatchObject({
      status: 'settled',
      settledAt: '2027-01-15T06:00:03.000Z',
    });
    const failure = { code: 'account-frozen', text: '收款账户已冻结' };
    expect(outcomeOf(payment({ status: 'failed', failure }))).toMatchObject({ status: 'failed', failure });
  });

  it('keeps the ledger’s own keys for the first attempt and names later ones', () => {
    expect(attemptSuffix(1)).toBe('');
    expect(attemptSuffix(2)).toBe('/attempt-2');
  });
});

describe('a portal’s payment confirmation', () => {
  const PORTAL = 'portal:xuhui-civil-affairs';
  const topicOf = (portalId: string) => `sanshe.portal.${portalId}.commands`;
  const onPortal = payment({ rail: 'portal-confirmed', confirmingParty: PORTAL, settleAfter: null });
  const confirmation = (overrides: Partial<PortalConfirmation> = {}): PortalConfirmation => ({
    paymentId: 'pay-1',
    grantId: 'grant-1',
    trancheNo: 2,
    portalId: PORTAL,
    castBy: PORTAL,
    railReference: 'XH-CZ-1',
    confirmedAt: '2027-01-15T06:00:00.000Z',
    ...overrides,
  });
  const ownChannel = { topic: topicOf('xuhui-civil-affairs'), source: 'portal/xuhui-civil-affairs' };

  it('settles the payment from its own portal on its own channel', () => {
    expect(confirmationStep(onPortal, confirmation(), ownChannel, topicOf)).toEqual({ kind: 'settle' });
  });

  it('refuses another portal, or the right portal id on another channel, naming the expected one', () => {
    const other = { topic: topicOf('minhang'), source: 'portal/minhang' };
    expect(confirmationStep(onPortal, confirmation({ portalId: 'portal:minhang' }), other, topicOf)).toMatchObject({
      kind: 'refuse',
      code: 'wrong-channel',
      reason: expect.stringContaining('confirmed only by portal:xuhui-civil-affairs'),
    });
    expect(confirmationStep(onPortal, confirmation(), other, topicOf)).toMatchObject({ code: 'wrong-channel' });
    const spoofedSource = { ...ownChannel, source: 'portal/minhang' };
    expect(confirmationStep(onPortal, confirmation(), spoofedSource, topicOf)).toMatchObject({ code: 'wrong-channel' });
  });

  it('refuses a confirmation of another grant or tranche, an internal payment and a failed one', () => {
    expect(confirmationStep(onPortal, confirmation({ trancheNo: 3 }), ownChannel, topicOf)).toMatchObject({
      code: 'payment-mismatch',
      reason: 'payment pay-1 pays grant grant-1 tranche 2, not grant grant-1 tranche 3',
    });
    expect(confirmationStep(onPortal, confirmation({ grantId: 'grant-2' }), ownChannel, topicOf)).toMatchObject({
      code: 'payment-mismatch',
    });
    expect(confirmationStep(payment(), confirmation(), ownChannel, topicOf)).toMatchObject({
      code: 'not-portal-confirmed',
    });
    const failed = { ...onPortal, status: 'failed' as const, failure: { code: 'x', text: 'y' } };
    expect(confirmationStep(failed, confirmation(), ownChannel, topicOf)).toMatchObject({ code: 'payment-failed' });
  });

  it('takes a repeat of the settling confirmation as done, and refuses another reference', () => {
    const settled = { ...onPortal, status: 'settled' as const, settledAt: new Date(), railReference: 'XH-CZ-1' };
    expect(confirmationStep(settled, confirmation(), ownChannel, topicOf)).toEqual({ kind: 'already' });
    expect(confirmationStep(settled, confirmation({ railReference: 'XH-CZ-2' }), ownChannel, topicOf)).toMatchObject({
      code: 'already-settled',
    });
  });
});
