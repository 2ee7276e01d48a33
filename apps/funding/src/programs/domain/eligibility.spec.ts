import { effectiveGrade, type EligibilityOrganization, type EligibilityProgram, eligibilityOf } from './eligibility';

const program: EligibilityProgram = {
  status: 'open',
  period: { from: '2026-01-01', to: '2026-12-31' },
  budget: { amountFen: 10_000_000, currency: 'CNY' },
  districtCode: '310104',
  eligibility: {
    organizationTypes: ['social-work-agency', 'private-non-enterprise'],
    minGrade: '3A',
    needCategories: ['elderly-care'],
    streetCodes: ['310104-005'],
  },
};
const organization: EligibilityOrganization = {
  type: 'private-non-enterprise',
  status: 'registered',
  grade: '4A',
  gradeValidUntil: '2030-06-29',
};
const request = {
  category: 'elderly-care',
  communityCode: '310104-005-001',
  requested: { amountFen: 4_800_000, currency: 'CNY' },
  on: '2026-03-02',
};
const codes = (...args: Parameters<typeof eligibilityOf>) => eligibilityOf(...args).map((reason) => reason.code);

describe('eligibilityOf', () => {
  it('finds a registered 4A unit of a covered street asking for elderly care within the budget eligible', () => {
    expect(eligibilityOf(program, organization, request)).toEqual([]);
  });

  it('refuses an organization funding never heard of, or one not (yet, or any longer) registered', () => {
    expect(codes(program, null, request)).toEqual(['organization-not-registered']);
    expect(codes(program, { ...organization, status: 'provisional' }, request)).toEqual([
      'organization-not-registered',
    ]);
    expect(codes(program, { ...organization, status: 'deregistered' }, request)).toEqual([
      'organization-not-registered',
    ]);
  });

  it('refuses a type the program is not for', () => {
    const [reason] = eligibilityOf(program, { ...organization, type: 'foundation' }, request);
    expect(reason).toEqual({
      code: 'organization-type',
      text: '该项目面向social-work-agency、private-non-enterprise，机构类型为foundation。',
      textEn: 'the program is for social-work-agency, private-non-enterprise; the organization is a foundation',
    });
  });

  it('judges the grade in force on the day: 2A is below 3A, an expired 5A is no grade, 3A itself passes', () => {
    expect(codes(program, { ...organization, grade: '2A' }, request)).toEqual(['grade-below-minimum']);
    const expired = { ...organization, grade: '5A' as const, gradeValidUntil: '2026-03-01' };
    expect(effectiveGrade(expired, '2026-03-01')).toBe('5A');
    expect(effectiveGrade(expired, '2026-03-02')).toBeNull();
    expect(eligibilityOf(program, expired, request)[0]?.text).toBe('该项目要求评估等级不低于3A，机构当前无有效等级。');
    expect(codes(program, { ...organization, grade: '3A' }, request)).toEqual([]);
    expect(codes(program, { ...organization, grade: null, gradeValidUntil: null }, request)).toEqual([
      'grade-below-minimum',
    ]);
    const noMinimum = { ...program, eligibility: { ...program.eligibility, minGrade: undefined } };
    expect(codes(noMinimum, { ...organization, grade: null, gradeValidUntil: null }, request)).toEqual([]);
  });

  it('refuses another category, and a community outside the streets and communities listed', () => {
    expect(codes(program, organization, { ...request, category: 'education' })).toEqual(['category']);
    expect(codes(program, organization, { ...request, communityCode: '310104-006-001' })).toEqual([
      'community-not-covered',
    ]);
    const listed = {
      ...program,
      eligibility: { ...program.eligibility, streetCodes: undefined, communityCodes: ['310104-006-001'] },
    };
    expect(codes(listed, organization, { ...request, communityCode: '310104-006-001' })).toEqual([]);
    expect(codes(listed, organization, request)).toEqual(['community-not-covered']);
  });

  it('covers the whole district when neither streets nor communities are listed', () => {
    const district = { ...program, eligibility: { ...program.eligibility, streetCodes: undefined } };
    expect(codes(district, organization, { ...request, communityCode: '310104-009-003' })).toEqual([]);
    expect(codes(district, organization, { ...request, communityCode: '310105-001-001' })).toEqual([
      'community-not-covered',
    ]);
  });

  it('refuses a closed program, a day after its period, another currency, and a request beyond the budget', () => {
    expect(codes({ ...program, status: 'closed' }, organization, request)).toEqual(['program-closed']);
    expect(codes(program, organization, { ...request, on: '2026-12-31' })).toEqual([]);
    expect(codes(program, organization, { ...request, on: '2027-01-01' })).toEqual(['period-ended']);
    expect(codes(program, organization, { ...request, requested: { amountFen: 100, currency: 'USD' } })).toEqual([
      'currency',
    ]);
    expect(codes(program, organization, { ...request, requested: { amountFen: 10_000_000, currency: 'CNY' } })).toEqual(
      [],
    );
    expect(codes(program, organization, { ...request, requested: { amountFen: 10_000_001, currency: 'CNY' } })).toEqual(
      ['over-budget-request'],
    );
  });

  it('gives every reason that applies at once, each with Chinese and English text', () => {
    const reasons = eligibilityOf(
      { ...program, status: 'closed' },
      { ...organization, type: 'foundation', grade: '1A' },
      {
        ...request,
        category: 'education',
      },
    );
    expect(reasons.map((r) => r.code)).toEqual([
      'program-closed',
      'organization-type',
      'grade-below-minimum',
      'category',
    ]);
    for (const reason of reasons) {
      expect(reason.text).toMatch(/[\u4e00-\u9fff]/);
      expect(reason.textEn).toMatch(/^[ -~]+$/);
    }
  });
});
