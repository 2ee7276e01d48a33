import { ORGANIZATION_GRADES, type OrganizationGrade } from '@sanshe/contracts';
import type { Money } from '../../ledger';
import type { FundingOrganization } from '../../directory/domain/funding-organization';
import type { Program } from './program';

/** Why an application is not eligible (application.received's ineligibleReasons codes). */
export type IneligibleCode =
  | 'organization-not-registered'
  | 'organization-type'
  | 'grade-below-minimum'
  | 'category'
  | 'community-not-covered'
  | 'program-closed'
  | 'period-ended'
  | 'currency'
  | 'over-budget-request';

/** A reason, in Chinese (`text`, what organizations read) and English (`textEn`). */
export interface IneligibleReason {
  code: IneligibleCode;
  text: string;
  textEn: string;
}

/** What is asked of the program: by a proposal's category, community and requested funding, on a day. */
export interface EligibilityRequest {
  /** The proposal's need category (NEED_CATEGORIES). */
  category: string;
  communityCode: string;
  requested: Money;
  /** The day it is judged on (YYYY-MM-DD, Asia/Shanghai). */
  on: string;
}

export type EligibilityProgram = Pick<Program, 'status' | 'period' | 'budget' | 'eligibility' | 'districtCode'>;
export type EligibilityOrganization = Pick<FundingOrganization, 'type' | 'status' | 'grade' | 'gradeValidUntil'>;

const rank = (grade: OrganizationGrade) => ORGANIZATION_GRADES.indexOf(grade);
const streetOf = (communityCode: string) => communityCode.split('-').slice(0, 2).join('-');

/** The grade that counts on `on`: none once its validity has passed. */
export function effectiveGrade(organization: EligibilityOrganization, on: string): OrganizationGrade | null {
  if (!organization.grade || !organization.gradeValidUntil || organization.gradeValidUntil < on) return null;
  return organization.grade;
}

function coversCommunity(program: EligibilityProgram, communityCode: string): boolean {
  const { communityCodes, streetCodes } = program.eligibility;
  if (!communityCodes && !streetCodes) return communityCode.startsWith(`${program.districtCode}-`);
  return Boolean(communityCodes?.includes(communityCode) || streetCodes?.includes(streetOf(communityCode)));
}

function organizationReasons(
  program: EligibilityProgram,
  organization: EligibilityOrganization | null,
  on: string,
): IneligibleReason[] {
  if (!organization) {
    return [
      {
        code: 'organization-not-registered',
        text: '机构未在社会组织登记中登记。',
        textEn: 'the organization is not in the registry',
      },
    ];
  }
  const reasons: IneligibleReason[] = [];
  if (organization.status !== 'registered') {
    reasons.push({
      code: 'organization-not-registered',
      text: `机构登记状态为${organization.status}，须为已登记。`,
      textEn: `the organization's registry status is ${organization.status}, not registered`,
    });
  }
  const { organizationTypes, minGrade } = program.eligibility;
  if (!organizationTypes.includes(organization.type)) {
    reasons.push({
      code: 'organization-type',
      text: `该项目面向${organizationTypes.join('、')}，机构类型为${organization.type}。`,
      textEn: `the program is for ${organizationTypes.join(', ')}; the organization is a ${organization.type}`,
    });
  }
  const grade = effectiveGrade(organization, on);
  if (minGrade && (!grade || rank(grade) < rank(minGrade))) {
    reasons.push({
      code: 'grade-below-minimum',
      text: `该项目要求评估等级不低于${minGrade}，机构当前${grade ? `等级为${grade}` : '无有效等级'}。`,
      textEn: `the program needs grade ${minGrade} or above; the organization has ${grade ?? 'no grade in force'}`,
    });
  }
  return reasons;
}

function requestReasons(program: EligibilityProgram, request: EligibilityRequest): IneligibleReason[] {
  const reasons: IneligibleReason[] = [];
  const { needCategories } = program.eligibility;
  if (!(needCategories as readonly string[]).includes(request.category)) {
    reasons.push({
      code: 'category',
      text: `该项目资助${needCategories.join('、')}类服务，申请类别为${request.category}。`,
      textEn: `the program funds ${needCategories.join(', ')}; the request is ${request.category}`,
    });
  }
  if (!coversCommunity(program, request.communityCode)) {
    reasons.push({
      code: 'community-not-covered',
      text: `该项目不覆盖社区${request.communityCode}。`,
      textEn: `the program does not cover community ${request.communityCode}`,
    });
  }
  const { budget } = program;
  if (request.requested.currency !== budget.currency) {
    reasons.push({
      code: 'currency',
      text: `申请币种${request.requested.currency}与项目预算币种${budget.currency}不一致。`,
      textEn: `the request is in ${request.requested.currency}, the budget in ${budget.currency}`,
    });
  } else if (request.requested.amountFen > budget.amountFen) {
    reasons.push({
      code: 'over-budget-request',
      text: `申请金额${request.requested.amountFen}分超过项目预算${budget.amountFen}分。`,
      textEn: `the request of ${request.requested.amountFen} fen exceeds the budget of ${budget.amountFen} fen`,
    });
  }
  return reasons;
}

/**
 * Whether an organization may be funded by `program` for `request`, as the reasons it may not (empty:
 * eligible). Pure: the caller reads the program and the organizations read model (null: never
 * registered). Every reason that applies is given, so the organization sees all it must fix.
 */
export function eligibilityOf(
  program: EligibilityProgram,
  organization: EligibilityOrganization | null,
  request: EligibilityRequest,
): IneligibleReason[] {
  const reasons: IneligibleReason[] = [];
  if (program.status === 'closed') {
    reasons.push({ code: 'program-closed', text: '该资助项目已关闭。', textEn: 'the program is closed' });
  }
  if (request.on > program.period.to) {
    reasons.push({
      code: 'period-ended',
      text: `该项目周期已于${program.period.to}结束。`,
      textEn: `the program's period ended on ${program.period.to}`,
    });
  }
  return [...reasons, ...organizationReasons(program, organization, request.on), ...requestReasons(program, request)];
}
