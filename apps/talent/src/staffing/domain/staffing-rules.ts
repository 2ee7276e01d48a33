import type { NeedCategory, ObjectionReason, SocialWorkerLevel, StaffRole } from '@sanshe/contracts';

/** One line of a staffing plan, as proposal.submitted and activity.scheduled carry it. */
export interface StaffingLine {
  role: StaffRole;
  count: number;
  minLevel?: SocialWorkerLevel;
}

/** What the rules judge a plan against: the proposal's category and size. */
export interface StaffingContext {
  category: NeedCategory | null;
  expectedParticipants: number | null;
}

export type StaffingRuleCode = 'certified-ratio' | 'certified-present' | 'intern-not-alone' | 'min-level';

/** A broken rule: which, what is wrong, and what would fix it (the objection's text). */
export interface StaffingProblem {
  rule: StaffingRuleCode;
  message: string;
  fix: string;
}

/** The staffing rules are data (README "Staffing rules"): a new version is a new constant, not new code. */
export interface StaffingRules {
  version: number;
  /** Categories where the certified count grows with the participants. */
  ratioCategories: readonly NeedCategory[];
  participantsPerCertified: number;
  /** Roles that count as staff; volunteers never do. */
  staffRoles: readonly StaffRole[];
  /** Staff that may lead: an activity with staff needs at least one of these. */
  leadRoles: readonly StaffRole[];
}

export const STAFFING_RULES: StaffingRules = {
  version: 1,
  ratioCategories: ['elderly-care', 'disability'],
  participantsPerCertified: 20,
  staffRoles: ['certified-social-worker', 'community-staff', 'intern'],
  leadRoles: ['certified-social-worker', 'community-staff'],
};

const CERTIFIED: StaffRole = 'certified-social-worker';
/** ObjectionReason.text's maxLength in the contract. */
const REASON_TEXT_MAX = 2000;

const countOf = (plan: readonly StaffingLine[], roles: readonly StaffRole[]): number =>
  plan.filter((line) => roles.includes(line.role)).reduce((sum, line) => sum + line.count, 0);

const plural = (count: number, singular: string, pluralForm = `${singular}s`): string =>
  `${count} ${count === 1 ? singular : pluralForm}`;

/** Certified social workers a ratio category needs: max(1, ceil(participants / participantsPerCertified)). */
export function certifiedNeeded(expectedParticipants: number | null, rules: StaffingRules = STAFFING_RULES): number {
  return Math.max(1, Math.ceil((expectedParticipants ?? 0) / rules.participantsPerCertified));
}

function certifiedRatio(plan: readonly StaffingLine[], context: StaffingContext, rules: StaffingRules) {
  if (!context.category || !rules.ratioCategories.includes(context.category)) return null;
  const needed = certifiedNeeded(context.expectedParticipants, rules);
  const planned = countOf(plan, [CERTIFIED]);
  if (planned >= needed) return null;
  const participants = plural(context.expectedParticipants ?? 0, 'participant');
  return {
    rule: 'certified-ratio' as const,
    message: `${participants} need ${plural(needed, 'certified social worker')}, the plan has ${planned}`,
    fix: `add ${needed - planned} ${CERTIFIED}`,
  };
}

function leadMissing(plan: readonly StaffingLine[], rules: StaffingRules): boolean {
  return countOf(plan, rules.staffRoles) > 0 && countOf(plan, rules.leadRoles) === 0;
}

function internNotAlone(plan: readonly StaffingLine[], rules: StaffingRules) {
  const interns = countOf(plan, ['intern']);
  if (interns === 0 || !leadMissing(plan, rules)) return null;
  return {
    rule: 'intern-not-alone' as const,
    message: `the plan has ${plural(interns, 'intern')} and no certified social worker or community staff`,
    fix: `add 1 ${rules.leadRoles.join(' or ')}`,
  };
}

/**
 * Staff without a lead. With today's roles a lead-less staff is always interns, so intern-not-alone
 * (checked first) already names it; this stays for roles a later version may add to staffRoles.
 */
function certifiedPresent(plan: readonly StaffingLine[], context: StaffingContext, rules: StaffingRules) {
  if (context.category && rules.ratioCategories.includes(context.category)) return null;
  if (!leadMissing(plan, rules)) return null;
  return {
    rule: 'certified-present' as const,
    message: `the plan has ${plural(countOf(plan, rules.staffRoles), 'staff member')} and none may lead`,
    fix: `add 1 ${rules.leadRoles.join(' or ')}`,
  };
}

/** A minimum level is a certificate's level: only a certified line can carry one. */
function minLevelProblems(plan: readonly StaffingLine[]): StaffingProblem[] {
  return plan
    .filter((line) => line.minLevel && line.role !== CERTIFIED)
    .map((line) => ({
      rule: 'min-level' as const,
      message: `the ${line.role} line asks for ${line.minLevel ?? ''}, which only a certified social worker holds`,
      fix: `make the line ${CERTIFIED} or drop its minLevel`,
    }));
}

/**
 * What in a staffing plan breaks the rules, in the rules' order; empty when it passes. A rule whose
 * fix an earlier problem's fix already brings is not asked again: adding the certified workers a ratio
 * needs gives the interns their lead, and a lead-less staff is named once, as intern-not-alone.
 */
export function staffingProblems(
  plan: readonly StaffingLine[],
  context: StaffingContext,
  rules: StaffingRules = STAFFING_RULES,
): StaffingProblem[] {
  const leadProblem =
    certifiedRatio(plan, context, rules) ?? internNotAlone(plan, rules) ?? certifiedPresent(plan, context, rules);
  return [...(leadProblem ? [leadProblem] : []), ...minLevelProblems(plan)];
}

/** One problem as the proposer reads it: "<rule>: <what is wrong>: <the fix>". */
export const problemText = (problem: StaffingProblem): string => `${problem.rule}: ${problem.message}: ${problem.fix}`;

/** The talent party's objection for a plan with problems (null when there are none). */
export function objectionReason(problems: readonly StaffingProblem[]): ObjectionReason | null {
  if (problems.length === 0) return null;
  const text = problems.map(problemText).join('; ');
  return {
    code: 'staffing-rule',
    text: text.length <= REASON_TEXT_MAX ? text : `${text.slice(0, REASON_TEXT_MAX - 1)}…`,
  };
}
