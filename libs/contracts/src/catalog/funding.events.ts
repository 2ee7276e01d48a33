import { Type } from '@sinclair/typebox';
import { defineEvent } from '../events/event-definition';
import { PartyId } from '../governance/decision-policy';
import { GRANT_VOID_REASON_CODES, PROGRAM_CATEGORY_CODES, PROGRAM_MODE_CODES } from '../vocabulary/funding-vocabulary';
import { CalendarDate, CommunityCode, Id, Instant, literalUnion, MoneyFen } from './common';
import { DecisionId, defineCallIn, defineVoteCast } from './decision';
import { FunderKind, FunderPartyId, TranchePlan } from './funding-programs.events';
import { PaymentRailCode } from './funding-payments.events';

export const grantAwarded = defineEvent('sanshe.funding.grant.awarded.v1', {
  description:
    "A funder awarded a grant from one of its programs to a social organization's work in a community. The " +
    'award takes effect only through a multi-party decision in governance: kind grant-award, decisionId ' +
    '`decision/grant-award/<grantId>`, proposer the funderId. Subject: the grantId.',
  data: Type.Object(
    {
      grantId: Id,
      programId: Id,
      communityCode: CommunityCode,
      organizationId: Id,
      /** The funder that awards it, e.g. `funder:xuhui-civil-affairs`. */
      funderId: PartyId,
      amount: MoneyFen,
      title: Type.String({ minLength: 1, maxLength: 200 }),
      // Since issue 15 (optional: older awards lack them).
      /** The application it awards (sanshe.funding.application.received.v1). */
      applicationId: Type.Optional(Id),
      /** The activity proposal it funds, if it funds one. */
      proposalId: Type.Optional(Id),
      /** The program's tranche plan the grant will be paid by once activated. */
      tranchePlan: Type.Optional(TranchePlan),
      funderKind: Type.Optional(FunderKind),
    },
    { additionalProperties: true },
  ),
  example: {
    grantId: 'grant-2026-0007',
    programId: 'prog-2026-elderly-care',
    communityCode: '310104-005-001',
    organizationId: 'org-xinhua-elderly-care',
    funderId: 'funder:xuhui-civil-affairs',
    amount: { amountFen: 4_800_000, currency: 'CNY' },
    title: '2026年度社区长者午餐与探访项目资助',
    applicationId: 'app-2026-0011',
    proposalId: 'prop-2026-0001',
    tranchePlan: [
      { trancheNo: 1, percent: 30, milestone: '项目启动', dueAfterDays: 0 },
      { trancheNo: 2, percent: 40, milestone: '中期评估', dueAfterDays: 90 },
      { trancheNo: 3, percent: 30, milestone: '结项验收', dueAfterDays: 180 },
    ],
    funderKind: 'government',
  },
});

export const fundingDecisionVoteCast = defineVoteCast(
  'funding',
  'A funder (party `funder:<funderId>`), through the funding service,',
  {
    decisionId: 'decision/activity-proposal/prop-2026-0001',
    partyId: 'funder:xuhui-civil-affairs',
    castBy: 'funder:xuhui-civil-affairs',
    choice: 'abstain',
  },
);

export const fundingFilingCallInRequested = defineCallIn(
  'funding',
  'A funder (party `funder:<funderId>`), through the funding service,',
  {
    proposalId: 'prop-2026-0002',
    decisionId: 'decision/activity-proposal/prop-2026-0002',
    partyId: 'funder:district-civil-affairs-fund',
    castBy: 'funder:district-civil-affairs-fund',
    reason: { code: 'overlaps-grant', text: '该活动与已资助项目内容重叠，需说明是否另行申请资金。' },
  },
);

/*
 * A grant's life after its award, minimal until issue 15 extends it additively: enough for an organization's
 * capacity profile (secured and received funding). Subject: the grantId.
 */

export const grantActivated = defineEvent('sanshe.funding.grant.activated.v1', {
  description:
    "A grant took effect after its decision approved it, with its tranches: the amounts, each tranche's " +
    'milestone and due date; the tranches sum exactly to the amount. Minimal; issue 15 extends it additively. ' +
    'Subject: the grantId.',
  data: Type.Object(
    {
      grantId: Id,
      programId: Id,
      organizationId: Id,
      communityCode: CommunityCode,
      /** The activity proposal it funds, if it funds one. */
      proposalId: Type.Optional(Id),
      decisionId: DecisionId,
      amount: MoneyFen,
      tranches: Type.Array(
        Type.Object(
          {
            trancheNo: Type.Integer({ minimum: 1 }),
            amount: MoneyFen,
            milestone: Type.String({ minLength: 1, maxLength: 200 }),
            dueDate: CalendarDate,
          },
          { additionalProperties: true },
        ),
        { minItems: 1, maxItems: 24, description: 'sums exactly to amount' },
      ),
      // Since issue 15 (optional: older activations lack them).
      funderId: Type.Optional(FunderPartyId),
      mode: Type.Optional(literalUnion(PROGRAM_MODE_CODES, { description: 'one of PROGRAM_MODES' })),
      category: Type.Optional(literalUnion(PROGRAM_CATEGORY_CODES, { description: 'one of PROGRAM_CATEGORIES' })),
      /** The program's public notice period (公示期) in working days, for milestone verification. */
      noticeWorkingDays: Type.Optional(Type.Integer({ minimum: 1, maximum: 15 })),
      /** When the amount was reserved from the program's available budget (with the activation). */
      reservedAt: Type.Optional(Instant),
    },
    { additionalProperties: true },
  ),
  example: {
    grantId: 'grant-2026-0007',
    programId: 'prog-2026-elderly-care',
    organizationId: 'org-xinhua-elderly-care',
    communityCode: '310104-005-001',
    proposalId: 'prop-2026-0001',
    decisionId: 'decision/grant-award/grant-2026-0007',
    amount: { amountFen: 4_800_000, currency: 'CNY' },
    tranches: [
      { trancheNo: 1, amount: { amountFen: 1_440_000, currency: 'CNY' }, milestone: '项目启动', dueDate: '2027-01-31' },
      { trancheNo: 2, amount: { amountFen: 1_920_000, currency: 'CNY' }, milestone: '中期评估', dueDate: '2027-04-30' },
      { trancheNo: 3, amount: { amountFen: 1_440_000, currency: 'CNY' }, milestone: '结项验收', dueDate: '2027-07-31' },
    ],
    funderId: 'funder:xuhui-civil-affairs',
    mode: 'direct',
    category: 'elderly-care',
    noticeWorkingDays: 5,
    reservedAt: '2026-11-02T02:15:00.000Z',
  },
});

export const grantVoided = defineEvent('sanshe.funding.grant.voided.v1', {
  description:
    'A grant stopped counting: voided before or after activation (the funder withdrew it, the organization was ' +
    'deregistered, a decision revoked it). Tranches not yet paid will not be. Minimal; issue 15 extends it ' +
    'additively. Subject: the grantId.',
  data: Type.Object(
    {
      grantId: Id,
      organizationId: Id,
      decisionId: Type.Optional(DecisionId),
      reason: Type.String({ minLength: 1, maxLength: 500 }),
      /** Since issue 15: why, as one of GRANT_VOID_REASONS (absent on older events). */
      reasonCode: Type.Optional(literalUnion(GRANT_VOID_REASON_CODES, { description: 'one of GRANT_VOID_REASONS' })),
    },
    { additionalProperties: true },
  ),
  example: {
    grantId: 'grant-2026-0008',
    organizationId: 'org-xinhua-elderly-care',
    reason: '项目合并至区级养老服务包，原资助作废。',
    reasonCode: 'cancelled',
  },
});

export const tranchePaid = defineEvent('sanshe.funding.tranche.paid.v1', {
  description:
    "One tranche of a grant was paid to the organization (paymentId: the funder's payment reference). " +
    "Minimal; issue 15 extends it additively. Subject: the grantId, so a grant's events stay in order.",
  data: Type.Object(
    {
      grantId: Id,
      organizationId: Id,
      trancheNo: Type.Integer({ minimum: 1 }),
      amount: MoneyFen,
      paidAt: Instant,
      paymentId: Id,
      // Since issue 15 (optional: older payments lack them).
      programId: Type.Optional(Id),
      communityCode: Type.Optional(CommunityCode),
      rail: Type.Optional(PaymentRailCode),
      /** The rail's own reference for the transfer, when it gives one. */
      railReference: Type.Optional(Type.String({ minLength: 1, maxLength: 128 })),
      /** The portal that confirmed the payment (rail portal-confirmed), e.g. `portal:xuhui-civil-affairs`. */
      confirmedBy: Type.Optional(PartyId),
    },
    { additionalProperties: true },
  ),
  example: {
    grantId: 'grant-2026-0007',
    organizationId: 'org-xinhua-elderly-care',
    trancheNo: 1,
    amount: { amountFen: 1_440_000, currency: 'CNY' },
    paidAt: '2027-01-15T06:00:00.000Z',
    paymentId: 'pay-2027-000113',
    programId: 'prog-2026-elderly-care',
    communityCode: '310104-005-001',
    rail: 'internal',
    railReference: 'ICBC-20270115-88412',
  },
  subjectField: 'grantId',
});
