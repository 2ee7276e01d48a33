import type { ProgramBody } from './program';
import { applyProgramPut, canonical, closeProgram, DEFAULT_NOTICE_WORKING_DAYS } from './program';
import { programProblems } from './program-rules';

const body = (overrides: Partial<ProgramBody> = {}): ProgramBody => ({
  funderId: 'funder:xuhui-civil-affairs',
  funderKind: 'government',
  title: '2026年度徐汇区社区养老服务资助项目',
  mode: 'direct',
  category: 'elderly-care',
  budget: { amountFen: 120_000_000, currency: 'CNY' },
  period: { from: '2026-01-01', to: '2026-12-31' },
  districtCode: '310104',
  eligibility: {
    organizationTypes: ['social-work-agency'],
    needCategories: ['elderly-care'],
    streetCodes: ['310104-005'],
  },
  tranchePlan: [
    { trancheNo: 1, percent: 30, milestone: '项目启动', dueAfterDays: 0 },
    { trancheNo: 2, percent: 40, milestone: '中期评估', dueAfterDays: 90 },
    { trancheNo: 3, percent: 30, milestone: '结项验收', dueAfterDays: 180 },
  ],
  indicators: [],
  votingMode: 'rules',
  autoAward: false,
  ...overrides,
});

const paths = (b: ProgramBody, current = null as Parameters<typeof programProblems>[1]) =>
  programProblems(b, current).map((problem) => problem.path);

describe('a program’s rules beyond its schema', () => {
  it('accepts the example program', () => {
    expect(programProblems(body(), null)).toEqual([]);
  });

  it('refuses tranche percents that do not sum to 100, naming /tranchePlan and the sum', () => {
    const plan = body().tranchePlan.map((t, i) => (i === 2 ? { ...t, percent: 20 } : t));
    expect(programProblems(body({ tranchePlan: plan }), null)).toEqual([
      { path: '/body/tranchePlan', message: 'percents must sum to 100, not 90' },
    ]);
  });

  it('refuses tranches out of order: numbers 1…n, due days never going back', () => {
    const plan = [
      { trancheNo: 1, percent: 50, milestone: 'a', dueAfterDays: 30 },
      { trancheNo: 3, percent: 50, milestone: 'b', dueAfterDays: 10 },
    ];
    expect(paths(body({ tranchePlan: plan }))).toEqual([
      '/body/tranchePlan/1/trancheNo',
      '/body/tranchePlan/1/dueAfterDays',
    ]);
  });

  it('refuses a period ending before it starts, or a day that does not exist', () => {
    expect(paths(body({ period: { from: '2026-06-01', to: '2026-05-31' } }))).toEqual(['/body/period/to']);
    expect(paths(body({ period: { from: '2026-02-30', to: '2026-12-31' } }))).toEqual(['/body/period/from']);
  });

  it('refuses a budget of 0 fen, and co-funders in another currency or beyond the budget', () => {
    expect(paths(body({ budget: { amountFen: 0, currency: 'CNY' } }))).toEqual(['/body/budget/amountFen']);
    const coFunders = [
      { funderId: 'funder:a', funderKind: 'foundation' as const, amount: { amountFen: 100, currency: 'USD' } },
      { funderId: 'funder:b', funderKind: 'enterprise' as const, amount: { amountFen: 120_000_000, currency: 'CNY' } },
    ];
    expect(paths(body({ coFunders }))).toEqual(['/body/coFunders/0/amount/currency', '/body/coFunders']);
  });

  it('refuses a category the mode does not have: a direct program never buys services', () => {
    expect(paths(body({ category: 'service-purchase' }))).toEqual(['/body/category']);
    expect(paths(body({ mode: 'indirect', category: 'elderly-care' }))).toEqual(['/body/category']);
    expect(paths(body({ mode: 'indirect', category: 'service-purchase' }))).toEqual([]);
  });

  it('refuses communities and streets outside the program’s district', () => {
    const eligibility = { ...body().eligibility, streetCodes: ['310105-001'], communityCodes: ['310104-005-001'] };
    expect(paths(body({ eligibility }))).toEqual(['/body/eligibility/streetCodes/0']);
  });

  it('keeps a program’s funder and currency once open', () => {
    const open = applyProgramPut(null, 'prog-1', body(), 'wang').state;
    expect(paths(body({ funderId: 'funder:other' }), open)).toEqual(['/body/funderId']);
    expect(paths(body({ budget: { amountFen: 1, currency: 'USD' } }), open)).toEqual(['/body/budget/currency']);
  });
});

describe('opening and changing a program', () => {
  it('opens at revision 1 with program.opened, funding the whole budget; the notice period defaults to 5', () => {
    const change = applyProgramPut(null, 'prog-1', body(), 'wang');
    expect(change.state).toMatchObject({ programId: 'prog-1', status: 'open', revision: 1, createdBy: 'wang' });
    expect(change.state.noticeWorkingDays).toBe(DEFAULT_NOTICE_WORKING_DAYS);
    expect(change.budgetDeltaFen).toBe(120_000_000);
    expect(change.facts).toHaveLength(1);
    expect(change.facts[0]).toMatchObject({ type: 'sanshe.funding.program.opened.v1', subject: 'prog-1' });
    expect(change.facts[0]?.data).toMatchObject({ revision: 1, status: 'open', noticeWorkingDays: 5 });
    expect(change.facts[0]?.data).not.toHaveProperty('createdBy');
  });

  it('publishes nothing for the same content, in whatever key order it is stored', () => {
    const open = applyProgramPut(null, 'prog-1', body(), 'wang').state;
    const reordered = JSON.parse(canonical(open)) as typeof open;
    const again = applyProgramPut({ ...reordered, policies: null }, 'prog-1', body({ noticeWorkingDays: 5 }), 'li');
    expect(again.facts).toEqual([]);
    expect(again.state.revision).toBe(1);
  });

  it('changes at the next revision with program.updated and the budget’s difference (a cut is negative)', () => {
    const open = applyProgramPut(null, 'prog-1', body(), 'wang').state;
    const cut = applyProgramPut(open, 'prog-1', body({ budget: { amountFen: 100_000_000, currency: 'CNY' } }), 'li');
    expect(cut.state).toMatchObject({ revision: 2, createdBy: 'wang' });
    expect(cut.budgetDeltaFen).toBe(-20_000_000);
    expect(cut.facts.map((f) => f.type)).toEqual(['sanshe.funding.program.updated.v1']);
    const retitled = applyProgramPut(cut.state, 'prog-1', body({ budget: cut.state.budget, title: '新标题' }), 'li');
    expect(retitled.budgetDeltaFen).toBe(0);
    expect(retitled.state.revision).toBe(3);
  });

  it('closes once: closed at the next revision, then nothing', () => {
    const open = applyProgramPut(null, 'prog-1', body(), 'wang').state;
    const closed = closeProgram(open);
    expect(closed.state).toMatchObject({ status: 'closed', revision: 2 });
    expect(closed.facts[0]?.data).toMatchObject({ status: 'closed', revision: 2 });
    expect(closeProgram(closed.state).facts).toEqual([]);
  });
});
