import { type GrantBudget, grantPlanOf } from './grant-budget';

describe('a grant’s plan as the activities answer it', () => {
  it('lists each scheduled tranche with whether a settled payment paid it', () => {
    const grant: GrantBudget = {
      grantId: 'grant-1',
      programId: 'prog-1',
      organizationId: 'org-1',
      communityCode: '310104-005-001',
      status: 'active',
      amountFen: 4_800_000,
      currency: 'CNY',
      noticeWorkingDays: 5,
      tranches: [
        { trancheNo: 1, amountFen: 1_440_000, milestone: '项目启动', dueDate: '2027-01-31' },
        { trancheNo: 2, amountFen: 1_920_000, milestone: '中期评估', dueDate: '2027-04-30' },
      ],
    };
    expect(grantPlanOf(grant, [1])).toEqual({
      ...{ grantId: 'grant-1', programId: 'prog-1', organizationId: 'org-1', communityCode: '310104-005-001' },
      ...{ status: 'active', amountFen: 4_800_000, currency: 'CNY', noticeWorkingDays: 5 },
      tranches: [
        { trancheNo: 1, amountFen: 1_440_000, milestone: '项目启动', dueDate: '2027-01-31', paid: true },
        { trancheNo: 2, amountFen: 1_920_000, milestone: '中期评估', dueDate: '2027-04-30', paid: false },
      ],
    });
    expect(grantPlanOf({ ...grant, status: 'awarded', tranches: null }, []).tranches).toEqual([]);
  });
});
