import { Type } from '@sinclair/typebox';
import { defineEvent } from '../events/event-definition';
import { DecisionPolicyInput, PartyId } from '../governance/decision-policy';
import { PORTAL_ID_PATTERN } from '../events/topics';
import { CalendarDate, Id } from './common';
import { programOpened } from './funding-programs.events';
import { portalPaymentConfirmed } from './portal.events';

/*
 * The commands a government portal sends on its own `sanshe.portal.<portalId>.commands` topic besides votes,
 * arbitrations, call-ins, disbursement requests and payment confirmations (portal.events.ts). Each is answered
 * on `sanshe.portal.<portalId>.replies` by the one service that acts on it (portal-replies.events.ts).
 */

const castBy = Type.String({
  ...PartyId,
  description: 'The authenticated identity that sent it, as asserted by the portal gateway: portal:<portalId>',
});

export const portalDecisionPolicySetRequested = defineEvent('sanshe.portal.decision-policy.set-requested.v1', {
  description:
    'A government portal asks governance to set a decision policy within its jurisdiction, exactly as ' +
    'PUT /policies/{policyId} does (the same schema, the same rules: no single veto, no single approval; the ' +
    "scope, a community, street or district, must lie within the portal's registered jurisdiction). Stored as " +
    "the policy's next version with created_by portal:<portalId>. Answered on the portal's replies topic: " +
    'sanshe.governance.portal.command-accepted.v1 with {policyId, policyVersion}, or command-rejected ' +
    '(policy-invalid, policy-rules-broken, outside-jurisdiction, policy-conflict, …) with the reason. ' +
    'Subject: the policyId.',
  data: Type.Object(
    {
      /** The policy to set; equals policy.policyId. */
      policyId: Id,
      castBy,
      policy: DecisionPolicyInput,
    },
    { additionalProperties: true },
  ),
  example: {
    policyId: 'street-310104-005-activity-proposal',
    castBy: 'portal:street-310104-005',
    policy: {
      policyId: 'street-310104-005-activity-proposal',
      decisionKind: 'activity-proposal',
      communityCode: null,
      streetCode: '310104-005',
      title: '斜土路街道社区活动提案',
      parties: [
        {
          partyId: 'community:{communityCode}',
          kind: 'community',
          title: '社区居委会',
          weight: 1,
          voteWindowHours: 168,
        },
        { partyId: 'talent:sw-2019-0457', kind: 'talent', title: '驻站社工', weight: 1, voteWindowHours: 168 },
        {
          partyId: 'funder:xuhui-welfare-fund',
          kind: 'funder',
          title: '区福利基金',
          weight: 1,
          voteWindowHours: 168,
        },
      ],
      quorum: 2,
      deliberationHours: 72,
      maxAmendments: 2,
      escalation: [
        {
          arbiterId: 'portal:street-310104-005',
          title: '街道办裁定',
          deadlineHours: 120,
          defaultOutcome: 'rejected',
        },
      ],
    },
  },
  subjectField: 'policyId',
});

export const portalReportRequested = defineEvent('sanshe.portal.report.requested.v1', {
  description:
    'A government portal asks governance for a report of aggregated public facts within its jurisdiction for a ' +
    'period: `decisions` (decisions decided, by kind, result and who decided, and how many were escalated) or ' +
    '`disbursements` (amounts paid per community; refused report-unavailable for now: governance does not yet ' +
    'record payments per community). No personal data. The period is at most 366 days (else period-invalid). ' +
    "Answered on the portal's replies topic by sanshe.governance.portal.report-issued.v1 and a command-accepted " +
    'carrying {reportId}, or command-rejected. Subject: the portalId.',
  data: Type.Object(
    {
      /** The portal asking (its bare id); castBy is portal:<portalId>. */
      portalId: Type.String({ minLength: 1, maxLength: 63, pattern: PORTAL_ID_PATTERN.source }),
      castBy,
      reportKind: Type.Union([Type.Literal('decisions'), Type.Literal('disbursements')]),
      /** The period, inclusive, in calendar days (UTC); at most 366 days (governance checks). */
      from: CalendarDate,
      to: CalendarDate,
    },
    { additionalProperties: true },
  ),
  example: {
    portalId: 'xuhui-civil-affairs',
    castBy: 'portal:xuhui-civil-affairs',
    reportKind: 'decisions',
    from: '2026-01-01',
    to: '2026-03-31',
  },
  subjectField: 'portalId',
});

const program = programOpened.data.properties;

export const portalFundingProgramOpenRequested = defineEvent('sanshe.portal.funding-program.open-requested.v1', {
  description:
    'A government portal that funds (its own party portal:<portalId>, or a funder:* it speaks for) asks the ' +
    'funding service to open a funding program, as PUT /programs/{programId} does: the same fields, the same ' +
    "rules; the program's district must lie within the portal's jurisdiction. Funding answers on the portal's " +
    'replies topic: sanshe.funding.portal.command-accepted.v1 with {programId}, or command-rejected ' +
    '(not-funder, outside-jurisdiction, program-invalid, …). Subject: the programId.',
  data: Type.Object(
    {
      programId: Type.String({ minLength: 1, maxLength: 97, pattern: Id.pattern }),
      castBy,
      program: Type.Object(
        {
          funderId: program.funderId,
          funderKind: program.funderKind,
          coFunders: program.coFunders,
          title: program.title,
          mode: program.mode,
          category: program.category,
          budget: program.budget,
          period: program.period,
          districtCode: program.districtCode,
          eligibility: program.eligibility,
          tranchePlan: program.tranchePlan,
          indicators: program.indicators,
          noticeWorkingDays: Type.Optional(program.noticeWorkingDays),
          votingMode: program.votingMode,
          autoAward: program.autoAward,
          policies: program.policies,
        },
        { additionalProperties: true },
      ),
    },
    { additionalProperties: true },
  ),
  example: {
    programId: 'prog-2027-street-elderly-meals',
    castBy: 'portal:xuhui-civil-affairs',
    program: {
      funderId: 'funder:xuhui-welfare-fund',
      funderKind: 'government',
      title: '2027年度徐汇区长者助餐资助项目',
      mode: 'direct',
      category: 'elderly-care',
      budget: { amountFen: 50_000_000, currency: 'CNY' },
      period: { from: '2027-01-01', to: '2027-12-31' },
      districtCode: '310104',
      eligibility: {
        organizationTypes: ['social-work-agency'],
        needCategories: ['elderly-care'],
        streetCodes: ['310104-005'],
      },
      tranchePlan: [
        { trancheNo: 1, percent: 50, milestone: '项目启动', dueAfterDays: 0 },
        { trancheNo: 2, percent: 50, milestone: '结项验收', dueAfterDays: 180 },
      ],
      indicators: [{ code: 'meals-served', label: '助餐人次', target: '6000人次' }],
      noticeWorkingDays: 5,
      votingMode: 'rules',
      autoAward: false,
    },
  },
  subjectField: 'programId',
});

/** The new portal commands, in EVENT_CATALOG's order. */
export const PORTAL_COMMAND_EVENTS = [
  portalDecisionPolicySetRequested,
  portalReportRequested,
  portalFundingProgramOpenRequested,
] as const;

/** The portal commands funding acts on and answers; governance acts on and answers every other one. */
const FUNDING_COMMAND_TYPES: ReadonlySet<string> = new Set([
  portalPaymentConfirmed.type,
  portalFundingProgramOpenRequested.type,
]);

/** Which service acts on (and replies to) a portal command type: exactly one of them, never both. */
export const actingServiceOf = (commandType: string): 'governance' | 'funding' =>
  FUNDING_COMMAND_TYPES.has(commandType) ? 'funding' : 'governance';
