import { Type } from '@sinclair/typebox';
import { defineEvent } from '../events/event-definition';
import { GAP_KIND_CODES, PAYMENT_RAIL_CODES } from '../vocabulary/funding-vocabulary';
import { CalendarDate, Id, Instant, literalUnion, MoneyFen } from './common';
import { DecisionId } from './decision';

/*
 * Money moving on a grant — payments, released reservations, clawbacks — and the funding gaps an organization
 * is warned of, on sanshe.funding.events (docs/events.md, "Funding events"). Subject: the grantId (a grant's
 * events stay in order), or the organizationId for gaps.
 */

const TrancheNo = Type.Integer({ minimum: 1, maximum: 24 });
export const PaymentRailCode = literalUnion(PAYMENT_RAIL_CODES, { description: 'one of PAYMENT_RAILS' });

/** Why something failed or was done, for people and for rules: a code and a sentence. */
const CodedReason = Type.Object(
  {
    code: Type.String({ minLength: 1, maxLength: 60, pattern: '^[a-z][a-z0-9-]*$' }),
    text: Type.String({ minLength: 1, maxLength: 500 }),
  },
  { additionalProperties: true },
);

export const paymentInstructed = defineEvent('sanshe.funding.payment.instructed.v1', {
  description:
    'Funding instructed the payment of one tranche of an active grant on a rail (once per grant and tranche: the ' +
    "tranche's amount moved from reserved to payable). tranche.paid follows when the rail settles it, " +
    'payment.failed when it refuses. Subject: the grantId.',
  data: Type.Object(
    {
      paymentId: Id,
      grantId: Id,
      trancheNo: TrancheNo,
      organizationId: Id,
      amount: MoneyFen,
      rail: PaymentRailCode,
      instructedAt: Instant,
    },
    { additionalProperties: true },
  ),
  example: {
    paymentId: 'pay-2027-000113',
    grantId: 'grant-2026-0007',
    trancheNo: 1,
    organizationId: 'org-xinhua-elderly-care',
    amount: { amountFen: 1_440_000, currency: 'CNY' },
    rail: 'internal',
    instructedAt: '2027-01-15T05:58:00.000Z',
  },
  subjectField: 'grantId',
});

export const paymentFailed = defineEvent('sanshe.funding.payment.failed.v1', {
  description:
    "A tranche's payment failed on its rail: the amount went back to the grant's reservation. Subject: the grantId.",
  data: Type.Object(
    { paymentId: Id, grantId: Id, trancheNo: TrancheNo, reason: CodedReason },
    { additionalProperties: true },
  ),
  example: {
    paymentId: 'pay-2027-000114',
    grantId: 'grant-2026-0007',
    trancheNo: 2,
    reason: { code: 'account-frozen', text: '收款账户已冻结，银行退回拨付指令。' },
  },
  subjectField: 'grantId',
});

export const reservationReleased = defineEvent('sanshe.funding.reservation.released.v1', {
  description:
    "What was still reserved for a grant went back to its program's available budget (the grant was cancelled or " +
    'closed below its award). Subject: the grantId.',
  data: Type.Object(
    { grantId: Id, programId: Id, amount: MoneyFen, reason: Type.String({ minLength: 1, maxLength: 500 }) },
    { additionalProperties: true },
  ),
  example: {
    grantId: 'grant-2026-0007',
    programId: 'prog-2026-elderly-care',
    amount: { amountFen: 1_440_000, currency: 'CNY' },
    reason: '结项验收未通过，第三笔资金不再拨付，退回项目预算。',
  },
  subjectField: 'grantId',
});

export const clawbackRequested = defineEvent('sanshe.funding.clawback.requested.v1', {
  description:
    'Funding asked the organization to return a paid tranche (追回), at most what was paid of it, usually after a ' +
    'decision (decisionId). Once per grant and tranche. Subject: the grantId.',
  data: Type.Object(
    {
      grantId: Id,
      trancheNo: TrancheNo,
      amount: MoneyFen,
      decisionId: Type.Optional(DecisionId),
      reason: Type.String({ minLength: 1, maxLength: 500 }),
    },
    { additionalProperties: true },
  ),
  example: {
    grantId: 'grant-2026-0007',
    trancheNo: 2,
    amount: { amountFen: 960_000, currency: 'CNY' },
    decisionId: 'decision/milestone-verification/grant-2026-0007-2',
    reason: '中期评估发现服务人次虚报，按比例追回已拨付资金。',
  },
  subjectField: 'grantId',
});

const GapData = Type.Object(
  {
    organizationId: Id,
    kind: literalUnion(GAP_KIND_CODES, { description: 'one of GAP_KINDS' }),
    /** tranche-late: the late tranche. */
    grantId: Type.Optional(Id),
    trancheNo: Type.Optional(TrancheNo),
    dueDate: Type.Optional(CalendarDate),
    daysLate: Type.Optional(Type.Integer({ minimum: 0 })),
    /** runway-short: the last day the organization's active grants fund (absent: none does). */
    fundedUntil: Type.Optional(CalendarDate),
    /** The warning's threshold in days (runway-short: FUNDING_GAP_WARN_DAYS). */
    thresholdDays: Type.Integer({ minimum: 0 }),
    /** 1 for the organization's first gap of this kind, one more each time a cleared gap comes back. */
    episode: Type.Integer({ minimum: 1 }),
    detectedAt: Instant,
  },
  { additionalProperties: true },
);

export const gapDetected = defineEvent('sanshe.funding.gap.detected.v1', {
  description:
    "An organization's funding has a gap: a tranche is late (tranche-late) or its active grants fund it for fewer " +
    'than thresholdDays more (runway-short). Once per episode. Subject: the organizationId.',
  data: GapData,
  example: {
    organizationId: 'org-xinhua-elderly-care',
    kind: 'tranche-late',
    grantId: 'grant-2026-0007',
    trancheNo: 2,
    dueDate: '2027-04-30',
    daysLate: 12,
    thresholdDays: 0,
    episode: 1,
    detectedAt: '2027-05-12T01:00:00.000Z',
  },
  subjectField: 'organizationId',
});

export const gapCleared = defineEvent('sanshe.funding.gap.cleared.v1', {
  description:
    'A funding gap of an organization closed (the late tranche was paid, a new grant extends its runway): the ' +
    'episode that gap.detected opened ends; detectedAt is when the sweep saw it clear. Subject: the organizationId.',
  data: GapData,
  example: {
    organizationId: 'org-xinhua-elderly-care',
    kind: 'runway-short',
    fundedUntil: '2027-09-30',
    thresholdDays: 60,
    episode: 1,
    detectedAt: '2027-06-02T01:00:00.000Z',
  },
  subjectField: 'organizationId',
});
