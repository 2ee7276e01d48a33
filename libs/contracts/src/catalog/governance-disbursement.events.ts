import { type Static, type TObject, Type, type TProperties } from '@sinclair/typebox';
import { defineEvent } from '../events/event-definition';
import { PartyId } from '../governance/decision-policy';
import { CommunityCode, Id, Instant, MoneyFen, Sha256 } from './common';
import { DecisionId, EventTypeName } from './decision';

/*
 * The grant disbursement workflow's own facts (`disbursement/<grantId>`, docs/decisions.md "Grant
 * disbursement"), on sanshe.governance.events. Event ids are deterministic —
 * `disbursement/<grantId>/<fact>/t<n>/<k>` — so a retried publish is a duplicate, never a second fact.
 * Subject: the grantId (a grant's facts stay in order). Money moves only in funding (funding.tranche.paid
 * stays funding's fact); these say what the workflow decided and is waiting for.
 */

const TrancheNo = Type.Integer({ minimum: 1, maximum: 24 });
const Reason = Type.String({ minLength: 1, maxLength: 2000 });

/** One fact: grantId always, the rest per fact; open to additive fields as every event. */
const disbursementFact = <const Verb extends string, Props extends TProperties>(
  verb: Verb,
  description: string,
  properties: Props,
  example: Static<TObject<Props>>,
) => {
  const data = Type.Object({ grantId: Id, ...properties }, { additionalProperties: true });
  return defineEvent(`sanshe.governance.disbursement.${verb}.v1`, {
    description: `${description} Subject: the grantId.`,
    data,
    // TypeBox cannot relate the spread to the generic intersection's static; the catalog tests validate it.
    example: { grantId: 'grant-2026-0007', ...example } as unknown as Static<typeof data>,
    subjectField: 'grantId',
  });
};

export const disbursementStarted = disbursementFact(
  'started',
  "The grant's disbursement began: funding reserved its budget and the first tranche awaits evidence.",
  { programId: Id, organizationId: Id, communityCode: CommunityCode, amount: MoneyFen, trancheCount: TrancheNo },
  {
    programId: 'prog-2026-elderly',
    organizationId: 'org-xinhua-elderly-care',
    communityCode: '310104-005-001',
    amount: { amountFen: 4_320_000, currency: 'CNY' },
    trancheCount: 3,
  },
);

export const disbursementEvidenceAccepted = disbursementFact(
  'evidence-accepted',
  'Milestone evidence for the current tranche was accepted (hashes claimed for this grant only). `source` names the activity completion or evidence package it came with.',
  {
    trancheNo: TrancheNo,
    source: Type.Object(
      { type: Type.Union([Type.Literal('activity-completed'), Type.Literal('evidence-package')]), id: Id },
      { additionalProperties: true },
    ),
    evidenceSha256: Type.Array(Sha256, { minItems: 1, maxItems: 200 }),
    submittedBy: PartyId,
  },
  {
    trancheNo: 1,
    source: { type: 'activity-completed', id: 'act-2026-0311' },
    evidenceSha256: ['9f2c4e1a7b3d5f60718293a4b5c6d7e8f90a1b2c3d4e5f60718293a4b5c6d7e8'],
    submittedBy: 'organization:org-xinhua-elderly-care',
  },
);

export const disbursementVerificationOpened = disbursementFact(
  'verification-opened',
  'A milestone-verification decision was opened for the tranche; `round` counts re-verifications (1 = the first).',
  { trancheNo: TrancheNo, decisionId: DecisionId, round: Type.Integer({ minimum: 1 }) },
  { trancheNo: 1, decisionId: 'decision/milestone-verification/grant-2026-0007.t1', round: 1 },
);

export const disbursementRemediationOpened = disbursementFact(
  'remediation-opened',
  'The verification rejected the milestone: new evidence may be submitted until `deadline`, then it is escalated.',
  { trancheNo: TrancheNo, decisionId: DecisionId, deadline: Instant },
  {
    trancheNo: 1,
    decisionId: 'decision/milestone-verification/grant-2026-0007.t1',
    deadline: '2027-02-14T05:58:00.000Z',
  },
);

export const disbursementNoticeOpened = disbursementFact(
  'notice-opened',
  'The verification approved the milestone: the pending payment is in public notice (公示) until `deadline`; a seated party or a portal may object until then.',
  { trancheNo: TrancheNo, decisionId: DecisionId, amount: MoneyFen, deadline: Instant },
  {
    trancheNo: 1,
    decisionId: 'decision/milestone-verification/grant-2026-0007.t1',
    amount: { amountFen: 1_440_000, currency: 'CNY' },
    deadline: '2027-01-22T16:00:00.000Z',
  },
);

export const disbursementObjectionUpheld = disbursementFact(
  'objection-upheld',
  "An objection during public notice paused the payment and reopened the tranche's verification (once per party per tranche).",
  { trancheNo: TrancheNo, partyId: PartyId, castBy: PartyId, reason: Reason, decisionId: DecisionId },
  {
    trancheNo: 1,
    partyId: 'residents:310104-005-001',
    castBy: 'residents:310104-005-001',
    reason: '活动照片与签到记录日期不符，请复核',
    decisionId: 'decision/milestone-verification/grant-2026-0007.t1',
  },
);

export const disbursementPaymentRequested = disbursementFact(
  'payment-requested',
  "The notice passed without an upheld objection: the tranche's payment was asked of funding (key grant + tranche).",
  { trancheNo: TrancheNo, amount: MoneyFen },
  { trancheNo: 1, amount: { amountFen: 1_440_000, currency: 'CNY' } },
);

export const disbursementPaymentStuck = disbursementFact(
  'payment-stuck',
  "Funding refused the tranche's payment for good: an operator's retry-payment asks again (same key, never a second payment).",
  {
    trancheNo: TrancheNo,
    amount: MoneyFen,
    failure: Type.Object(
      { type: Type.String({ minLength: 1, maxLength: 60 }), message: Type.String({ maxLength: 500 }) },
      { additionalProperties: true },
    ),
  },
  {
    trancheNo: 1,
    amount: { amountFen: 1_440_000, currency: 'CNY' },
    failure: { type: 'InsufficientFunds', message: 'the program account cannot cover the tranche' },
  },
);

export const disbursementTrancheCompleted = disbursementFact(
  'tranche-completed',
  "The tranche's payment settled (funding.tranche.paid is funding's own fact of it).",
  { trancheNo: TrancheNo, amount: MoneyFen, paymentId: Id, settledAt: Type.Optional(Instant) },
  {
    trancheNo: 1,
    amount: { amountFen: 1_440_000, currency: 'CNY' },
    paymentId: 'pay-2027-000113',
    settledAt: '2027-01-25T02:00:00.000Z',
  },
);

export const disbursementReminder = disbursementFact(
  'reminder',
  "The tranche's due date passed without evidence: the organization is reminded; escalation follows at `escalateAt`.",
  { trancheNo: TrancheNo, deadline: Instant, escalateAt: Instant },
  { trancheNo: 2, deadline: '2027-06-30T16:00:00.000Z', escalateAt: '2027-07-14T16:00:00.000Z' },
);

export const disbursementEscalated = disbursementFact(
  'escalated',
  'The tranche is overdue (`evidence-overdue`) or its remediation window lapsed (`remediation-lapsed`): the workflow waits on, for the funder or a cancellation.',
  {
    trancheNo: TrancheNo,
    cause: Type.Union([Type.Literal('evidence-overdue'), Type.Literal('remediation-lapsed')]),
  },
  { trancheNo: 2, cause: 'evidence-overdue' },
);

export const disbursementCancelled = disbursementFact(
  'cancelled',
  'A grant-cancellation decision approved stopping the grant: no further tranche is paid and the unspent reservation was released.',
  {
    decisionId: DecisionId,
    cause: Type.Union([Type.Literal('funder'), Type.Literal('organization-deregistered')]),
    released: MoneyFen,
    paidTranches: Type.Integer({ minimum: 0, maximum: 24 }),
  },
  {
    decisionId: 'decision/grant-cancellation/grant-2026-0007',
    cause: 'funder',
    released: { amountFen: 2_880_000, currency: 'CNY' },
    paidTranches: 1,
  },
);

export const disbursementClawbackRequested = disbursementFact(
  'clawback-requested',
  'A grant-clawback decision approved recovering (part of) a paid tranche: funding was asked, idempotently.',
  { trancheNo: TrancheNo, amount: MoneyFen, decisionId: DecisionId, clawbackId: Id },
  {
    trancheNo: 1,
    amount: { amountFen: 720_000, currency: 'CNY' },
    decisionId: 'decision/grant-clawback/grant-2026-0007.t1',
    clawbackId: 'clawback-2027-0002',
  },
);

export const disbursementCompleted = disbursementFact(
  'completed',
  'Every tranche of the grant was paid.',
  { amount: MoneyFen, trancheCount: TrancheNo },
  { amount: { amountFen: 4_320_000, currency: 'CNY' }, trancheCount: 3 },
);

export const disbursementRequestRefused = disbursementFact(
  'request-refused',
  "A party's request to the grant's disbursement (evidence, an objection, a clawback proposal, a cancellation " +
    'request) was refused and changed nothing: `requestEventId` names the event refused, `code` says why ' +
    '(wrong-channel, wrong-identity, not-a-party, not-funder, not-the-organization, wrong-tranche, wrong-stage, ' +
    'malformed-evidence, evidence-reused, already-objected, reason-too-short, not-paid, invalid-amount, ' +
    'cancellation-pending, clawback-pending, unknown-grant, disbursement-closed, …). The event id is ' +
    'deterministic from the refused event, so a redelivery refuses once.',
  {
    /** The refused event's CloudEvents id, as its producer set it (any id the envelope allows). */
    requestEventId: Type.String({ minLength: 1, maxLength: 256 }),
    requestType: EventTypeName,
    partyId: Type.Optional(PartyId),
    code: Type.String({ minLength: 1, maxLength: 60, pattern: '^[a-z-]+$' }),
    reason: Reason,
  },
  {
    requestEventId: '0194f3a2-7c1e-7d2a-9b7e-3f1d2c4b5a69',
    requestType: 'sanshe.community.disbursement.objection-raised.v1',
    partyId: 'community:310104-005-001',
    code: 'wrong-stage',
    reason: 'tranche 2 is not in its public notice (stage paying)',
  },
);

/** The disbursement facts, in EVENT_CATALOG's order. */
export const DISBURSEMENT_EVENTS = [
  disbursementStarted,
  disbursementEvidenceAccepted,
  disbursementVerificationOpened,
  disbursementRemediationOpened,
  disbursementNoticeOpened,
  disbursementObjectionUpheld,
  disbursementPaymentRequested,
  disbursementPaymentStuck,
  disbursementTrancheCompleted,
  disbursementReminder,
  disbursementEscalated,
  disbursementCancelled,
  disbursementClawbackRequested,
  disbursementCompleted,
  disbursementRequestRefused,
] as const;
