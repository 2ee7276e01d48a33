import { type FlowFact, flowRows, toFenAmount } from './flow-report';

const grantA = {
  grantId: 'grant-a',
  mode: 'direct',
  category: 'elderly-care',
  communityCode: '310104-005-001',
  organizationId: 'org-x',
};
const grantB = { ...grantA, grantId: 'grant-b', category: 'education', communityCode: '310104-005-002' };
const grantC = {
  ...grantA,
  grantId: 'grant-c',
  mode: 'indirect',
  category: 'service-purchase',
  organizationId: 'org-y',
};
const fact = (
  grant: typeof grantA,
  month: string,
  measure: FlowFact['measure'],
  amountFen: bigint,
  currency = 'CNY',
): FlowFact => ({ ...grant, month, measure, currency, amountFen });

// grant-a 4 800 000 (30/40/30: 1 440 000 paid in 2026-01, 1 920 000 in 2026-04, 500 000 clawed back in 2026-05);
// grant-b 1 000 001 awarded 2026-02, reserved, then 1 000 001 released (voided); grant-c 2 000 000 paid 600 000.
const FACTS: FlowFact[] = [
  fact(grantA, '2026-01', 'awarded', 4_800_000n),
  fact(grantA, '2026-01', 'reserved', 4_800_000n),
  fact(grantA, '2026-01', 'paid', 1_440_000n),
  fact(grantA, '2026-04', 'paid', 1_920_000n),
  fact(grantA, '2026-05', 'clawedBack', 500_000n),
  fact(grantB, '2026-02', 'awarded', 1_000_001n),
  fact(grantB, '2026-02', 'reserved', 1_000_001n),
  fact(grantB, '2026-03', 'released', 1_000_001n),
  fact(grantC, '2026-04', 'awarded', 2_000_000n),
  fact(grantC, '2026-04', 'reserved', 2_000_000n),
  fact(grantC, '2026-04', 'paid', 600_000n),
];

const money = (
  awardedFen: number,
  reservedFen: number,
  paidFen: number,
  clawedBackFen: number,
  releasedFen: number,
) => ({
  ...{ awardedFen, reservedFen, paidFen, clawedBackFen, releasedFen },
});

describe('funding flows grouped for a report', () => {
  it('by mode, with the zh labels: direct = grant-a + grant-b, indirect = grant-c', () => {
    expect(flowRows(FACTS, 'mode')).toEqual([
      {
        ...{ key: 'direct', label: '直接资助', currency: 'CNY', grants: 2 },
        // awarded 4 800 000 + 1 000 001; paid 1 440 000 + 1 920 000 = 3 360 000
        ...money(5_800_001, 5_800_001, 3_360_000, 500_000, 1_000_001),
      },
      {
        ...{ key: 'indirect', label: '间接资助（政府购买服务）', currency: 'CNY', grants: 1 },
        ...money(2_000_000, 2_000_000, 600_000, 0, 0),
      },
    ]);
  });

  it('by category, community and organization', () => {
    expect(flowRows(FACTS, 'category').map((r) => [r.key, r.label, r.paidFen])).toEqual([
      ['education', '教育', 0],
      ['elderly-care', '养老', 3_360_000],
      ['service-purchase', '项目制购买服务', 600_000],
    ]);
    expect(flowRows(FACTS, 'community').map((r) => [r.key, r.awardedFen, r.grants])).toEqual([
      ['310104-005-001', 6_800_000, 2], // grant-a 4 800 000 + grant-c 2 000 000
      ['310104-005-002', 1_000_001, 1],
    ]);
    const byOrganization = flowRows(FACTS, 'organization');
    expect(byOrganization.map((r) => [r.key, r.releasedFen, r.grants])).toEqual([
      ['org-x', 1_000_001, 2],
      ['org-y', 0, 1],
    ]);
    expect(byOrganization[0]).not.toHaveProperty('label');
  });

  it('by month: each amount in the month it happened; grants = distinct grants with a fact that month', () => {
    expect(flowRows(FACTS, 'month')).toEqual([
      { key: '2026-01', currency: 'CNY', grants: 1, ...money(4_800_000, 4_800_000, 1_440_000, 0, 0) },
      { key: '2026-02', currency: 'CNY', grants: 1, ...money(1_000_001, 1_000_001, 0, 0, 0) },
      { key: '2026-03', currency: 'CNY', grants: 1, ...money(0, 0, 0, 0, 1_000_001) },
      { key: '2026-04', currency: 'CNY', grants: 2, ...money(2_000_000, 2_000_000, 2_520_000, 0, 0) },
      { key: '2026-05', currency: 'CNY', grants: 1, ...money(0, 0, 0, 500_000, 0) },
    ]);
  });

  it('never adds currencies together: one row per key and currency', () => {
    const rows = flowRows([...FACTS, fact(grantC, '2026-04', 'awarded', 300n, 'HKD')], 'mode');
    expect(rows.map((r) => [r.key, r.currency, r.awardedFen])).toEqual([
      ['direct', 'CNY', 5_800_001],
      ['indirect', 'CNY', 2_000_000],
      ['indirect', 'HKD', 300],
    ]);
  });

  it('sums exactly beyond a double: 2 × 9 007 199 254 740 991 fen is the string "18014398509481982"', () => {
    const huge = 9_007_199_254_740_991n; // Number.MAX_SAFE_INTEGER
    const [row] = flowRows(
      [fact(grantA, '2026-01', 'awarded', huge), fact(grantB, '2026-01', 'awarded', huge)],
      'mode',
    );
    expect(row.awardedFen).toBe('18014398509481982');
    expect(toFenAmount(huge)).toBe(9_007_199_254_740_991);
    expect(toFenAmount(huge + 1n)).toBe('9007199254740992');
    expect(flowRows([], 'month')).toEqual([]);
  });
});
