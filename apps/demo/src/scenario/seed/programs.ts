import type { DemoContext } from '../context';
import { funderAdmin } from '../parties';
import type { Stage } from '../stage';
import { welfareFundParty } from './street-offices';

interface DemoProgram {
  /** ctx.ids.programs / ctx.ids.funders key. */
  key: string;
  funderId: (ctx: DemoContext) => string;
  title: string;
  mode: 'direct' | 'indirect';
  category: string;
  budgetFen: number;
  organizationTypes: string[];
  minGrade: string;
  needCategories: string[];
}

/**
 * Two programs of the run's district: the welfare fund's direct elderly-care grants, and the civil-affairs
 * bureau's purchase of services (indirect: the government buys a service from an organization).
 */
const PROGRAMS: DemoProgram[] = [
  {
    key: 'elderlyCare',
    funderId: welfareFundParty,
    title: '社区长者助餐与探访资助（直接资助）',
    mode: 'direct',
    category: 'elderly-care',
    budgetFen: 200_000_000,
    organizationTypes: ['private-non-enterprise', 'social-work-agency'],
    minGrade: '3A',
    needCategories: ['elderly-care'],
  },
  {
    key: 'servicesPurchase',
    funderId: (ctx) => `funder:civil-affairs-bureau-${ctx.runId}`,
    title: '政府购买社会工作服务（间接资助）',
    mode: 'indirect',
    category: 'service-purchase',
    budgetFen: 100_000_000,
    organizationTypes: ['social-work-agency'],
    minGrade: '4A',
    needCategories: ['children-youth', 'disability'],
  },
];

const today = () => new Date().toISOString().slice(0, 10);
const nextYear = () => `${new Date().getUTCFullYear() + 1}-12-31`;

function programBody(ctx: DemoContext, program: DemoProgram) {
  return {
    ...{ funderId: program.funderId(ctx), funderKind: 'government', title: program.title, mode: program.mode },
    ...{ category: program.category, budget: { amountFen: program.budgetFen, currency: 'CNY' } },
    ...{ period: { from: today(), to: nextYear() }, districtCode: ctx.ids.districtCode },
    eligibility: {
      ...{ organizationTypes: program.organizationTypes, minGrade: program.minGrade },
      ...{ needCategories: program.needCategories, communityCodes: ctx.ids.communities },
    },
    // Three tranches, each paid once its milestone is verified together and publicly noticed (the shortest
    // notice a program may have: 1 working day).
    tranchePlan: [
      { trancheNo: 1, percent: 30, milestone: '项目启动：人员到岗、首次活动开展', dueAfterDays: 0 },
      { trancheNo: 2, percent: 30, milestone: '中期：服务过半、过程记录齐全', dueAfterDays: 0 },
      { trancheNo: 3, percent: 40, milestone: '结项：服务完成、评估通过', dueAfterDays: 0 },
    ],
    indicators: [
      { code: 'reach', label: '服务覆盖人数', target: '不少于计划人数的 90%' },
      { code: 'satisfaction', label: '居民满意度', target: '不低于 85%' },
    ],
    noticeWorkingDays: 1,
    votingMode: 'rules',
    autoAward: true,
  };
}

/** Step 0: the two programs, through the funding service (each funder's admin opens its own). */
export const programsStage: Stage = {
  name: 'two funding programs: elderly care (direct) and purchase of services (indirect)',
  file: 'seed/programs.ts',
  async run(ctx) {
    for (const program of PROGRAMS) {
      const programId = `prog-${ctx.runId}-${program.key.toLowerCase()}`;
      const funderId = program.funderId(ctx);
      const token = await funderAdmin(ctx, funderId);
      await ctx.api.funding.expect('PUT', `/programs/${programId}`, token, programBody(ctx, program), [200, 201]);
      ctx.ids.programs[program.key] = programId;
      ctx.ids.funders[program.key] = funderId;
      const budget = (program.budgetFen / 100).toLocaleString('en-US');
      ctx.progress.say(`${programId} opened by ${funderId}: ${program.title}, ${program.mode}, budget ¥${budget}`);
    }
  },
};
