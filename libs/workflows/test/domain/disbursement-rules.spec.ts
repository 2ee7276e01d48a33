import type { DisbursementInput, EvidenceSubmission, NoticeObjection } from '../../src/disbursement/disbursement.api';
import {
  checkCancellation,
  checkClawback,
  checkEvidence,
  checkObjection,
  checkRetryPayment,
} from '../../src/disbursement/domain/disbursement-rules';
import {
  type DisbursementState,
  initialState,
  nextFactId,
  verificationSubject,
} from '../../src/disbursement/domain/disbursement-state';

const input: DisbursementInput = {
  grantId: 'grant-1',
  programId: 'prog-1',
  organizationId: 'org-1',
  communityCode: '310104-005-001',
  funderId: 'funding:xuhui-civil-affairs',
  amount: { amountFen: 300, currency: 'CNY' },
  noticeWorkingDays: 5,
  tranches: [1, 2, 3].map((trancheNo) => ({
    trancheNo,
    amountFen: 100,
    milestone: `m${trancheNo}`,
    dueDate: '2027-03-31',
  })),
};
const HASH = 'a'.repeat(64);
const evidence = (change: Partial<EvidenceSubmission> = {}): EvidenceSubmission => ({
  trancheNo: 1,
  source: { type: 'activity-completed', id: 'act-1' },
  evidence: [{ sha256: HASH }],
  submittedBy: 'organization:org-1',
  ...change,
});
const objection = (change: Partial<NoticeObjection> = {}): NoticeObjection => ({
  trancheNo: 1,
  partyId: 'residents:310104-005-001',
  castBy: 'residents:310104-005-001',
  reason: '签到记录与照片日期不符',
  ...change,
});
const state = (change: Partial<DisbursementState> = {}): DisbursementState => ({
  ...initialState(input),
  stage: 'awaiting-evidence',
  ...change,
});
const codeOf = (refusal: { code: string } | null) => refusal?.code ?? null;

describe('the disbursement rules', () => {
  it('takes evidence for the current tranche from the organization, awaiting evidence or in remediation', () => {
    expect(checkEvidence(input, state(), evidence())).toBeNull();
    expect(checkEvidence(input, state({ stage: 'remediation' }), evidence())).toBeNull();
    expect(codeOf(checkEvidence(input, state({ stage: 'notice' }), evidence()))).toBe('wrong-stage');
    expect(codeOf(checkEvidence(input, state(), evidence({ trancheNo: 2 })))).toBe('wrong-tranche');
    expect(codeOf(checkEvidence(input, state(), evidence({ submittedBy: 'organization:org-2' })))).toBe(
      'not-the-organization',
    );
    expect(codeOf(checkEvidence(input, state(), evidence({ evidence: [] })))).toBe('malformed-evidence');
    expect(codeOf(checkEvidence(input, state(), evidence({ evidence: [{ sha256: HASH.toUpperCase() }] })))).toBe(
      'malformed-evidence',
    );
  });

  it('takes an objection during notice from a seated party or a portal, once per party per tranche, with a reason', () => {
    const notice = state({ stage: 'notice', seatedPartyIds: ['residents:310104-005-001'] });
    expect(checkObjection(input, notice, objection())).toBeNull();
    expect(checkObjection(input, notice, objection({ partyId: 'portal:street-310104-005' }))).toBeNull();
    expect(codeOf(checkObjection(input, notice, objection({ partyId: 'community:other' })))).toBe('not-a-party');
    expect(codeOf(checkObjection(input, notice, objection({ reason: '不对' })))).toBe('reason-too-short');
    expect(codeOf(checkObjection(input, { ...notice, objections: [objection()] }, objection()))).toBe(
      'already-objected',
    );
    expect(codeOf(checkObjection(input, { ...notice, stage: 'paying' }, objection()))).toBe('wrong-stage');
  });

  it('retries a payment only when stuck, once until it is acted on', () => {
    expect(checkRetryPayment(state({ stage: 'payment-stuck' }), { operatorId: 'op-1' })).toBeNull();
    expect(codeOf(checkRetryPayment(state({ stage: 'paying' }), { operatorId: 'op-1' }))).toBe('wrong-stage');
    expect(
      codeOf(checkRetryPayment(state({ stage: 'payment-stuck', retryRequested: true }), { operatorId: 'op-1' })),
    ).toBe('wrong-stage');
  });

  it('cancels while open and one decision at a time; claws back a paid tranche up to what was paid', () => {
    const request = { requestedBy: 'funding:xuhui', cause: 'funder' as const, reason: '机构停止运营' };
    expect(checkCancellation(state(), request)).toBeNull();
    expect(codeOf(checkCancellation(state({ cancellation: request }), request))).toBe('cancellation-pending');
    expect(codeOf(checkCancellation(state({ stage: 'completed' }), request))).toBe('wrong-stage');
    const paid = state({ paid: [{ trancheNo: 1, amountFen: 100, paymentId: 'pay-1' }] });
    const proposal = { trancheNo: 1, proposedBy: 'community:310104-005-001', reason: '活动未真实开展', amountFen: 100 };
    expect(checkClawback(paid, proposal)).toBeNull();
    expect(codeOf(checkClawback(paid, { ...proposal, amountFen: 101 }))).toBe('invalid-amount');
    expect(codeOf(checkClawback(paid, { ...proposal, trancheNo: 2 }))).toBe('not-paid');
    expect(codeOf(checkClawback({ ...paid, clawbacksRunning: [1] }, proposal))).toBe('clawback-pending');
  });

  it('numbers facts per tranche for deterministic ids, and keeps re-verification subjects unique', () => {
    const s = state();
    expect(nextFactId(s, 'grant-1', 'reminder', 2)).toBe('disbursement/grant-1/reminder/t2/1');
    expect(nextFactId(s, 'grant-1', 'reminder', 2)).toBe('disbursement/grant-1/reminder/t2/2');
    expect(nextFactId(s, 'grant-1', 'started', 0)).toBe('disbursement/grant-1/started/t0/1');
    expect([1, 2, 3].map((round) => verificationSubject('grant-1', 2, round))).toEqual([
      'grant-1.t2',
      'grant-1.t2.r2',
      'grant-1.t2.r3',
    ]);
  });
});
