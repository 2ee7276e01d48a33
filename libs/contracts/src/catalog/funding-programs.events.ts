import { type Static, Type } from '@sinclair/typebox';
import { defineEvent } from '../events/event-definition';
import { DecisionPolicyInput } from '../governance/decision-policy';
import {
  FUNDER_KIND_CODES,
  PROGRAM_CATEGORY_CODES,
  PROGRAM_MODE_CODES,
  PROGRAM_STATUSES,
  PROGRAM_VOTING_MODES,
} from '../vocabulary/funding-vocabulary';
import { NEED_CATEGORY_CODES } from '../vocabulary/community-vocabulary';
import { ORGANIZATION_GRADES, ORGANIZATION_TYPE_CODES } from '../vocabulary/organization-vocabulary';
import { CalendarDate, CommunityCode, DistrictCode, Id, literalUnion, MoneyFen, Revision, StreetCode } from './common';

/*
 * The funding service's programs (资助项目) and the applications to them, on sanshe.funding.events
 * (docs/events.md, "Funding events"). Organizations only, never a person.
 */

/** A funder's party: `funder:<id>`, or `portal:<id>` for a government portal that funds through its own rail. */
export const FunderPartyId = Type.String({
  minLength: 3,
  maxLength: 160,
  pattern: '^(funder|portal):[A-Za-z0-9][A-Za-z0-9._:-]*$',
  description: 'funder:<id> or portal:<id>, e.g. funder:xuhui-civil-affairs',
});

export const FunderKind = literalUnion(FUNDER_KIND_CODES, { description: 'one of FUNDER_KINDS' });
export type FunderKind = Static<typeof FunderKind>;

/** One tranche of a program's plan: a whole percent of each grant, paid at a milestone. */
export const TranchePlanItem = Type.Object(
  {
    trancheNo: Type.Integer({ minimum: 1, maximum: 12 }),
    /** Whole percent of the grant; a plan's percents sum to exactly 100 (funding checks it). */
    percent: Type.Integer({ minimum: 1, maximum: 100 }),
    milestone: Type.String({ minLength: 1, maxLength: 200 }),
    /** Days after the grant's activation the tranche falls due. */
    dueAfterDays: Type.Integer({ minimum: 0, maximum: 3660 }),
  },
  { additionalProperties: true },
);
export const TranchePlan = Type.Array(TranchePlanItem, {
  minItems: 1,
  maxItems: 12,
  description: 'trancheNo 1…n in order; percents sum to 100',
});
export type TranchePlan = Static<typeof TranchePlan>;

/**
 * The rules of a decision policy a program sets for its own decisions: a DecisionPolicyInput without its
 * id, kind and scope (governance stores it as `program.<programId>.<kind>`, scoped to the program, and checks
 * it with the same validator as any policy).
 */
export const ProgramPolicyRules = Type.Omit(
  DecisionPolicyInput,
  ['policyId', 'decisionKind', 'programId', 'communityCode', 'streetCode', 'districtCode'],
  { additionalProperties: true },
);
export type ProgramPolicyRules = Static<typeof ProgramPolicyRules>;

const ProgramData = Type.Object(
  {
    programId: Id,
    funderId: FunderPartyId,
    funderKind: FunderKind,
    coFunders: Type.Optional(
      Type.Array(
        Type.Object(
          { funderId: FunderPartyId, funderKind: FunderKind, amount: MoneyFen },
          { additionalProperties: true },
        ),
        { maxItems: 20 },
      ),
    ),
    title: Type.String({ minLength: 1, maxLength: 200 }),
    mode: literalUnion(PROGRAM_MODE_CODES, { description: 'one of PROGRAM_MODES' }),
    /** direct: one of DIRECT_CATEGORIES; indirect: service-purchase (PROGRAM_CATEGORIES_BY_MODE). */
    category: literalUnion(PROGRAM_CATEGORY_CODES, { description: 'one of PROGRAM_CATEGORIES, by mode' }),
    budget: MoneyFen,
    period: Type.Object({ from: CalendarDate, to: CalendarDate }, { additionalProperties: true }),
    districtCode: DistrictCode,
    eligibility: Type.Object(
      {
        organizationTypes: Type.Array(literalUnion(ORGANIZATION_TYPE_CODES), { minItems: 1, uniqueItems: true }),
        /** The lowest assessment grade (评估等级) an organization needs, when the program asks for one. */
        minGrade: Type.Optional(literalUnion(ORGANIZATION_GRADES)),
        needCategories: Type.Array(literalUnion(NEED_CATEGORY_CODES), { minItems: 1, uniqueItems: true }),
        /** Absent (with streetCodes absent): every community of the district. */
        communityCodes: Type.Optional(Type.Array(CommunityCode, { maxItems: 500, uniqueItems: true })),
        streetCodes: Type.Optional(Type.Array(StreetCode, { maxItems: 100, uniqueItems: true })),
      },
      { additionalProperties: true },
    ),
    tranchePlan: TranchePlan,
    indicators: Type.Array(
      Type.Object(
        {
          code: Type.String({ minLength: 1, maxLength: 60, pattern: '^[a-z0-9][a-z0-9-]*$' }),
          label: Type.String({ minLength: 1, maxLength: 200 }),
          target: Type.Optional(Type.String({ maxLength: 200 })),
        },
        { additionalProperties: true },
      ),
      { maxItems: 20 },
    ),
    /** The public notice period (公示期) before a tranche's verification is final, in working days. */
    noticeWorkingDays: Type.Integer({ minimum: 1, maximum: 15, default: 5 }),
    votingMode: literalUnion(PROGRAM_VOTING_MODES),
    /** Whether an eligible application is awarded at once (else the funder awards it by hand). */
    autoAward: Type.Boolean(),
    /** The program's own decision policies: grant-award (award) and milestone-verification (verify). */
    policies: Type.Optional(
      Type.Object(
        { award: Type.Optional(ProgramPolicyRules), verify: Type.Optional(ProgramPolicyRules) },
        { additionalProperties: true },
      ),
    ),
    status: literalUnion(PROGRAM_STATUSES),
    revision: Revision,
  },
  { additionalProperties: true },
);
export type ProgramData = Static<typeof ProgramData>;

const programExample: ProgramData = {
  programId: 'prog-2026-elderly-care',
  funderId: 'funder:xuhui-civil-affairs',
  funderKind: 'government',
  coFunders: [
    {
      funderId: 'funder:xuhui-charity-foundation',
      funderKind: 'foundation',
      amount: { amountFen: 20_000_000, currency: 'CNY' },
    },
  ],
  title: '2026年度徐汇区社区养老服务资助项目',
  mode: 'direct',
  category: 'elderly-care',
  budget: { amountFen: 120_000_000, currency: 'CNY' },
  period: { from: '2026-01-01', to: '2026-12-31' },
  districtCode: '310104',
  eligibility: {
    organizationTypes: ['social-work-agency', 'private-non-enterprise'],
    minGrade: '3A',
    needCategories: ['elderly-care'],
    streetCodes: ['310104-005'],
  },
  tranchePlan: [
    { trancheNo: 1, percent: 30, milestone: '项目启动', dueAfterDays: 0 },
    { trancheNo: 2, percent: 40, milestone: '中期评估', dueAfterDays: 90 },
    { trancheNo: 3, percent: 30, milestone: '结项验收', dueAfterDays: 180 },
  ],
  indicators: [
    { code: 'elders-served', label: '服务长者人次', target: '1200人次' },
    { code: 'satisfaction', label: '服务满意度', target: '≥90%' },
  ],
  noticeWorkingDays: 5,
  votingMode: 'rules',
  autoAward: false,
  status: 'open',
  revision: 1,
};

export const programOpened = defineEvent('sanshe.funding.program.opened.v1', {
  description:
    'A funder opened a funding program (资助项目): its budget, period, eligibility, tranche plan and the policies of ' +
    "its own decisions. Governance stores policies.award / policies.verify as the program's grant-award and " +
    'milestone-verification policies (scope: the program). Subject: the programId.',
  data: ProgramData,
  example: programExample,
});

export const programUpdated = defineEvent('sanshe.funding.program.updated.v1', {
  description:
    'A program changed (budget, period, eligibility, policies…) or closed (status closed): the whole state with its ' +
    'revision; a consumer ignores a revision older than the one it keeps. Subject: the programId.',
  data: ProgramData,
  example: { ...programExample, budget: { amountFen: 150_000_000, currency: 'CNY' }, revision: 2 },
});

export const applicationReceived = defineEvent('sanshe.funding.application.received.v1', {
  description:
    'An approved activity proposal that asks a program for funding became an application to it, eligible or not ' +
    '(with the reasons: organization-type, grade-below-minimum, organization-not-registered, category, ' +
    'community-not-covered, program-closed, period-ended, currency, over-budget-request). Subject: the applicationId.',
  data: Type.Object(
    {
      applicationId: Id,
      proposalId: Id,
      programId: Id,
      organizationId: Id,
      communityCode: CommunityCode,
      requested: MoneyFen,
      eligible: Type.Boolean(),
      ineligibleReasons: Type.Array(
        Type.Object(
          {
            code: Type.String({ minLength: 1, maxLength: 60, pattern: '^[a-z][a-z0-9-]*$' }),
            text: Type.String({ minLength: 1, maxLength: 500 }),
          },
          { additionalProperties: true },
        ),
        { maxItems: 20, description: 'empty when eligible' },
      ),
    },
    { additionalProperties: true },
  ),
  example: {
    applicationId: 'app-2026-0011',
    proposalId: 'prop-2026-0001',
    programId: 'prog-2026-elderly-care',
    organizationId: 'org-xinhua-elderly-care',
    communityCode: '310104-005-001',
    requested: { amountFen: 4_800_000, currency: 'CNY' },
    eligible: false,
    ineligibleReasons: [{ code: 'grade-below-minimum', text: '该项目要求评估等级不低于3A，机构当前等级为2A。' }],
  },
});
