import type { DisbursementInput } from '../../src/disbursement/disbursement.api';
import { disbursementStartOptions } from '../../src/disbursement/disbursement-start';

const input: DisbursementInput = {
  grantId: 'grant-2026-0007',
  programId: 'prog-2026-elderly',
  organizationId: 'org-xinhua-elderly-care',
  communityCode: '310104-005-001',
  funderId: 'funder:district-civil-affairs-fund',
  amount: { amountFen: 4_320_000, currency: 'CNY' },
  noticeWorkingDays: 5,
  tranches: [
    { trancheNo: 1, amountFen: 1_440_000, milestone: '助餐点开业', dueDate: '2027-03-31' },
    { trancheNo: 2, amountFen: 2_880_000, milestone: '服务满一年', dueDate: '2027-12-31' },
  ],
};

describe('disbursementStartOptions (how governance starts a disbursement)', () => {
  it('starts disbursement/<grantId> with the first tranche in the search attributes and a readable summary', () => {
    const options = disbursementStartOptions(input, 'governance');
    expect(options.workflowId).toBe('disbursement/grant-2026-0007');
    expect(options.args).toEqual([input]);
    expect(Object.fromEntries(options.typedSearchAttributes.map(({ key, value }) => [key.name, value]))).toEqual({
      GrantId: 'grant-2026-0007',
      ProgramId: 'prog-2026-elderly',
      CommunityCode: '310104-005-001',
      TrancheNo: 1,
      AmountDueFen: 1_440_000,
    });
    expect(options.staticSummary).toBe('资助拨付 grant-2026-0007：¥43200.00，2 期');
    expect(options.staticDetails.split('\n')).toEqual([
      '项目 prog-2026-elderly，机构 organization:org-xinhua-elderly-care，社区 310104-005-001，资助方 funder:district-civil-affairs-fund',
      '公示期 5 个工作日',
      '- 第 1 期 ¥14400.00，2027-03-31 前：助餐点开业',
      '- 第 2 期 ¥28800.00，2027-12-31 前：服务满一年',
    ]);
  });
});
