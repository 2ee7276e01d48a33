import { Type } from '@sinclair/typebox';
import { defineEvent } from '../events/event-definition';
import { DecisionOutcome, PartyId } from '../governance/decision-policy';
import { Id, Instant } from './common';
import { DecisionId, defineCallIn, defineVoteCast } from './decision';

export const portalDecisionVoteCast = defineVoteCast(
  'portal',
  'A government portal that holds a seat in the decision (party `portal:<portalId>`, e.g. a street office),',
  {
    decisionId: 'decision/grant-award/grant-2026-0007',
    partyId: 'portal:xuhui-civil-affairs',
    castBy: 'portal:xuhui-civil-affairs',
    choice: 'approve',
    round: 1,
  },
);

export const portalDecisionArbitrated = defineEvent('sanshe.portal.decision.arbitrated.v1', {
  description:
    "A government portal, as the policy's arbiter at the decision's current escalation level, ruled on an " +
    'escalated decision (a tie, or no quorum once every deadline passed). Sent on its own ' +
    '`sanshe.portal.<portalId>.commands` topic. castBy is the authenticated identity that sent it, as asserted ' +
    'by the portal gateway, and must be the arbiter itself. Governance decides the decision with this result ' +
    '(sanshe.governance.decision.decided.v1, decidedBy arbiter), or refuses the ruling (not escalated, not the ' +
    'arbiter, already decided) with sanshe.governance.decision.vote-rejected.v1. Subject: the decisionId.',
  data: Type.Object(
    {
      decisionId: DecisionId,
      /** The arbiter of the current escalation level, e.g. `portal:xuhui-civil-affairs`. */
      arbiterId: PartyId,
      castBy: PartyId,
      result: DecisionOutcome,
      /** Why, for the parties and the audit trail. */
      reason: Type.String({ minLength: 1, maxLength: 2000 }),
    },
    { additionalProperties: true },
  ),
  example: {
    decisionId: 'decision/activity-proposal/prop-2026-0001',
    arbiterId: 'portal:xuhui-civil-affairs',
    castBy: 'portal:xuhui-civil-affairs',
    result: 'approved',
    reason: '修改后的方案已落实食品安全责任人，预算符合区级标准；居委会与社会组织票数相持，经区民政局裁定予以通过。',
  },
});

export const portalFilingCallInRequested = defineCallIn(
  'portal',
  'A government portal that holds a seat (party `portal:<portalId>`, e.g. a street office),',
  {
    proposalId: 'prop-2026-0002',
    decisionId: 'decision/activity-proposal/prop-2026-0002',
    partyId: 'portal:street-310104-005',
    castBy: 'portal:street-310104-005',
    reason: { code: 'needs-review', text: '涉及未成年人的活动，街道需审核安全预案。' },
  },
);

export const portalPaymentConfirmed = defineEvent('sanshe.portal.payment.confirmed.v1', {
  description:
    "A government portal that funds a program (party `portal:<portalId>`) confirmed it transferred one tranche's " +
    'payment through its own rail. Sent on its own `sanshe.portal.<portalId>.commands` topic; castBy is the ' +
    'authenticated identity that sent it, as asserted by the portal gateway. For funding only (governance skips ' +
    'it): funding settles the payment (sanshe.funding.tranche.paid.v1) when portalId is the funder of the ' +
    "grant's program. Subject: the paymentId.",
  data: Type.Object(
    {
      paymentId: Id,
      grantId: Id,
      trancheNo: Type.Integer({ minimum: 1, maximum: 24 }),
      portalId: PartyId,
      castBy: PartyId,
      /** The portal's rail reference for the transfer. */
      railReference: Type.String({ minLength: 1, maxLength: 128 }),
      confirmedAt: Instant,
    },
    { additionalProperties: true },
  ),
  example: {
    paymentId: 'pay-2027-000113',
    grantId: 'grant-2026-0007',
    trancheNo: 1,
    portalId: 'portal:xuhui-civil-affairs',
    castBy: 'portal:xuhui-civil-affairs',
    railReference: 'XH-CZ-20270115-0031',
    confirmedAt: '2027-01-15T06:00:00.000Z',
  },
});
