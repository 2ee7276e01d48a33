import { CommunityCodeKey } from '../decision/search-attributes';
import { type DisbursementInput, disbursementWorkflowId } from './disbursement.api';
import { AmountDueFenKey, GrantIdKey, ProgramIdKey, TrancheNoKey } from './search-attributes';

const yuan = (amountFen: number) => (amountFen / 100).toFixed(2);

/**
 * How governance starts a grant's disbursement (start-if-absent by its id): the search attributes operators filter
 * on from the first moment, and a summary and details readable in the Temporal UI (amounts in yuan there only).
 */
export function disbursementStartOptions(input: DisbursementInput, taskQueue: string) {
  const first = input.tranches[0];
  const plan = input.tranches.map(
    (t) => `- 第 ${t.trancheNo} 期 ¥${yuan(t.amountFen)}，${t.dueDate} 前：${t.milestone}`,
  );
  return {
    workflowId: disbursementWorkflowId(input.grantId),
    taskQueue,
    args: [input] as [DisbursementInput],
    typedSearchAttributes: [
      { key: GrantIdKey, value: input.grantId },
      { key: ProgramIdKey, value: input.programId },
      { key: CommunityCodeKey, value: input.communityCode },
      { key: TrancheNoKey, value: first?.trancheNo ?? 0 },
      { key: AmountDueFenKey, value: first?.amountFen ?? 0 },
    ],
    staticSummary: `资助拨付 ${input.grantId}：¥${yuan(input.amount.amountFen)}，${input.tranches.length} 期`.slice(
      0,
      200,
    ),
    staticDetails: [
      `项目 ${input.programId}，机构 organization:${input.organizationId}，社区 ${input.communityCode}，资助方 ${input.funderId}`,
      `公示期 ${input.noticeWorkingDays} 个工作日`,
      ...plan,
    ].join('\n'),
  };
}
