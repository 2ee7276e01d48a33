import { type FieldProblem, PROGRAM_CATEGORIES_BY_MODE } from '@sanshe/contracts';
import type { Program, ProgramBody } from './program';

/** Whether `text` (YYYY-MM-DD) names a day that exists (2026-02-30 does not). */
export function isCalendarDay(text: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(text)) return false;
  const day = new Date(`${text}T00:00:00Z`);
  return !Number.isNaN(day.getTime()) && day.toISOString().slice(0, 10) === text;
}

/** The tranche plan: trancheNo 1…n in order, due days never earlier than the tranche before, percents summing to 100. */
function tranchePlanProblems(plan: ProgramBody['tranchePlan']): FieldProblem[] {
  const problems: FieldProblem[] = [];
  plan.forEach((tranche, index) => {
    if (tranche.trancheNo !== index + 1) {
      problems.push({
        path: `/body/tranchePlan/${index}/trancheNo`,
        message: `must be ${index + 1}: tranches are numbered 1…n in order`,
      });
    }
    const before = plan[index - 1];
    if (before && tranche.dueAfterDays < before.dueAfterDays) {
      problems.push({
        path: `/body/tranchePlan/${index}/dueAfterDays`,
        message: `must not be before tranche ${before.trancheNo}'s ${before.dueAfterDays} days`,
      });
    }
  });
  const sum = plan.reduce((total, tranche) => total + tranche.percent, 0);
  if (sum !== 100) problems.push({ path: '/body/tranchePlan', message: `percents must sum to 100, not ${sum}` });
  return problems;
}

/** Communities and streets the program covers lie in its district. */
function coverageProblems(body: ProgramBody): FieldProblem[] {
  const inDistrict = (code: string) => code.startsWith(`${body.districtCode}-`);
  const problems: FieldProblem[] = [];
  for (const key of ['communityCodes', 'streetCodes'] as const) {
    (body.eligibility[key] ?? []).forEach((code, index) => {
      if (!inDistrict(code)) {
        problems.push({
          path: `/body/eligibility/${key}/${index}`,
          message: `${code} is not in district ${body.districtCode}`,
        });
      }
    });
  }
  return problems;
}

function moneyProblems(body: ProgramBody, current: Program | null): FieldProblem[] {
  const problems: FieldProblem[] = [];
  const { amountFen, currency } = body.budget;
  if (!Number.isSafeInteger(amountFen) || amountFen <= 0) {
    problems.push({ path: '/body/budget/amountFen', message: 'must be a whole number of fen above 0' });
  }
  if (current && current.budget.currency !== currency) {
    problems.push({ path: '/body/budget/currency', message: `a program's currency stays ${current.budget.currency}` });
  }
  const coFunders = body.coFunders ?? [];
  coFunders.forEach((coFunder, index) => {
    if (coFunder.amount.currency !== currency) {
      problems.push({ path: `/body/coFunders/${index}/amount/currency`, message: `must be the budget's ${currency}` });
    }
  });
  const coFunded = coFunders.reduce((total, coFunder) => total + coFunder.amount.amountFen, 0);
  if (coFunded > amountFen) {
    problems.push({
      path: '/body/coFunders',
      message: `co-funders' ${coFunded} fen exceed the budget's ${amountFen} fen`,
    });
  }
  return problems;
}

/**
 * What is wrong with a PUT /programs body beyond its schema, each naming its field: the tranche plan,
 * the period, the budget (and its currency, fixed once open), the category for the mode, and the
 * covered communities in the district. A program's funder never changes.
 */
export function programProblems(body: ProgramBody, current: Program | null): FieldProblem[] {
  const problems: FieldProblem[] = [...tranchePlanProblems(body.tranchePlan), ...moneyProblems(body, current)];
  const { from, to } = body.period;
  if (!isCalendarDay(from)) problems.push({ path: '/body/period/from', message: `${from} is not a calendar day` });
  if (!isCalendarDay(to)) problems.push({ path: '/body/period/to', message: `${to} is not a calendar day` });
  else if (to < from) problems.push({ path: '/body/period/to', message: `must not be before period.from ${from}` });
  if (!PROGRAM_CATEGORIES_BY_MODE[body.mode].includes(body.category)) {
    problems.push({
      path: '/body/category',
      message: `a ${body.mode} program's category is one of ${PROGRAM_CATEGORIES_BY_MODE[body.mode].join(', ')}`,
    });
  }
  if (current && current.funderId !== body.funderId) {
    problems.push({ path: '/body/funderId', message: `a program's funder stays ${current.funderId}` });
  }
  return [...problems, ...coverageProblems(body)];
}
