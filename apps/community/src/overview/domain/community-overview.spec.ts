import {
  decisionSeqOf,
  grantTotals,
  orderDecisions,
  type OverviewDecision,
  type OverviewGrant,
} from './community-overview';

const grant = (status: OverviewGrant['status'], amountFen: number | null, currency = 'CNY'): OverviewGrant => ({
  grantId: `g-${status}-${amountFen}`,
  programId: null,
  organizationId: null,
  funderId: null,
  amount: amountFen === null ? null : { amountFen, currency },
  title: null,
  status,
  decisionId: null,
  updatedAt: new Date(0),
});

const decision = (decisionId: string, stage: OverviewDecision['stage'], updatedAt: number): OverviewDecision => ({
  decisionId,
  kind: 'activity-proposal',
  subjectId: decisionId,
  title: null,
  stage,
  escalationLevel: null,
  arbiterId: null,
  result: null,
  decidedBy: null,
  updatedAt: new Date(updatedAt),
});

describe('grantTotals', () => {
  it('sums fen per currency and status, skipping grants whose award has not arrived', () => {
    const totals = grantTotals([
      grant('awarded', 4_800_000),
      grant('approved', 1_000_000),
      grant('approved', 250),
      grant('rejected', 7),
      grant('approved', null),
      grant('awarded', 300, 'HKD'),
    ]);
    expect(totals).toEqual([
      { currency: 'CNY', awardedFen: 4_800_000, approvedFen: 1_000_250, rejectedFen: 7 },
      { currency: 'HKD', awardedFen: 300, approvedFen: 0, rejectedFen: 0 },
    ]);
  });
});

describe('orderDecisions', () => {
  it('puts open decisions first, escalated before voting, newest first within each', () => {
    const ordered = orderDecisions([
      decision('d-old-decided', 'decided', 1),
      decision('d-voting-old', 'voting', 2),
      decision('d-escalated', 'escalated', 3),
      decision('d-voting-new', 'voting', 4),
      decision('d-new-decided', 'decided', 5),
    ]);
    expect(ordered.map((d) => d.decisionId)).toEqual([
      'd-escalated',
      'd-voting-new',
      'd-voting-old',
      'd-new-decided',
      'd-old-decided',
    ]);
  });
});

describe('decisionSeqOf', () => {
  it('reads the audit position from the id, or the trail length of an outcome', () => {
    expect(decisionSeqOf('decision/activity-proposal/prop-1/3')).toBe(3);
    expect(decisionSeqOf('decision/activity-proposal/prop-1/outcome', 7)).toBe(7);
    expect(decisionSeqOf('some-other-id')).toBe(0);
  });
});
