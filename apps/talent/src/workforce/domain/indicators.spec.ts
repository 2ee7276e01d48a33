import { indicatorsOf, isAbove, judge, WORKFORCE_THRESHOLDS, type WorkforceFigures } from './indicators';

/** Figures with no turnover history: only the current mix of staff matters. */
const mix = (certified: number, communityStaff: number, interns: number, volunteers = 0): WorkforceFigures => ({
  ...{ certified, communityStaff, interns, volunteers },
  ...{ left12Months: 0, headcount12MonthsAgo: certified + communityStaff + interns, retainedInterns: 0 },
});
const internRatio = (f: WorkforceFigures) => judge(f).find((j) => j.indicator === 'intern-ratio');

describe('workforce indicators (thresholds v1: intern ratio above 0.70, turnover above 0.30, at least 5 staff)', () => {
  it('has the v1 thresholds', () => {
    expect(WORKFORCE_THRESHOLDS).toEqual({ version: 1, internRatioAbove: 0.7, turnoverAbove: 0.3, minStaff: 5 });
  });

  it('2 certified, 1 community staff, 7 interns → 7/10 = 0.70: exactly the threshold, NOT above', () => {
    expect(internRatio(mix(2, 1, 7))).toEqual({ indicator: 'intern-ratio', value: 0.7, threshold: 0.7, atRisk: false });
  });

  it('one more intern → 8/11 = 0.7273 (0.7272… to 4 decimals): above', () => {
    expect(internRatio(mix(2, 1, 8))).toEqual({
      indicator: 'intern-ratio',
      value: 0.7273,
      threshold: 0.7,
      atRisk: true,
    });
  });

  it('two interns leave → 6/9 = 0.6667: below again', () => {
    expect(internRatio(mix(2, 1, 6))).toMatchObject({ value: 0.6667, atRisk: false });
  });

  it('volunteers are never staff: 2 certified, 1 community staff, 2 interns and 40 volunteers → 2/5 = 0.40', () => {
    const f = mix(2, 1, 2, 40);
    expect(indicatorsOf(f)).toMatchObject({ staff: 5, internRatio: 0.4, certifiedCoverage: 0.4 });
    expect(internRatio(f)).toMatchObject({ atRisk: false });
  });

  it('judges nothing below 5 staff: 1 certified and 3 interns is 3/4 = 0.75, yet no judgement', () => {
    expect(indicatorsOf(mix(1, 0, 3)).internRatio).toBe(0.75);
    expect(judge(mix(1, 0, 3))).toEqual([]);
  });

  it('turnover = left within 365 days / average of staff now and 12 months ago', () => {
    // 10 staff now, 14 a year ago, 4 left: 4 / ((10 + 14) / 2) = 4/12 = 0.3333 → above 0.30
    const spike = { ...mix(4, 2, 4), left12Months: 4, headcount12MonthsAgo: 14 };
    expect(indicatorsOf(spike).turnover12Months).toBe(0.3333);
    expect(judge(spike).find((j) => j.indicator === 'turnover')).toEqual({
      ...{ indicator: 'turnover', value: 0.3333, threshold: 0.3, atRisk: true },
    });
    // 3 left of an average of 10: 3/10 = 0.30 exactly → not above
    const steady = { ...mix(4, 2, 4), left12Months: 3, headcount12MonthsAgo: 10 };
    expect(judge(steady).find((j) => j.indicator === 'turnover')).toMatchObject({ value: 0.3, atRisk: false });
  });

  it('judges turnover only with 5 staff 12 months ago: 10 staff now, 4 a year ago, 3 left is 6/14 yet not judged', () => {
    const young = { ...mix(4, 2, 4), left12Months: 3, headcount12MonthsAgo: 4 };
    expect(indicatorsOf(young).turnover12Months).toBe(0.4286);
    expect(judge(young).map((j) => j.indicator)).toEqual(['intern-ratio']);
  });

  it('certified coverage is certified / staff; no staff gives no ratio', () => {
    expect(indicatorsOf(mix(3, 1, 4)).certifiedCoverage).toBe(0.375);
    expect(indicatorsOf(mix(0, 0, 0))).toMatchObject({ staff: 0, internRatio: null, certifiedCoverage: null });
  });

  it('compares shares exactly, in integers', () => {
    expect(isAbove({ numerator: 7, denominator: 10 }, 0.7)).toBe(false);
    expect(isAbove({ numerator: 70_001, denominator: 100_000 }, 0.7)).toBe(true);
    expect(isAbove({ numerator: 3, denominator: 0 }, 0.7)).toBe(false);
  });
});
