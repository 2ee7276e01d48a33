import { Type } from '@sinclair/typebox';
import { defineEvent } from '../events/event-definition';
import { DecisionResult, PartyId } from '../governance/decision-policy';
import { CommunityCode, Id } from './common';
import {
  DecisionId,
  DecisionKind,
  DecisionRound,
  DecisionTally,
  EventTypeName,
  ObjectionReason,
  PendingVote,
} from './decision';

/*
 * What governance publishes about each decision, on sanshe.governance.events. Subject: the decisionId
 * (`decision/<kind>/<subjectId>`), so a decision's events stay in order. The event id is deterministic
 * (`<decisionId>/<audit seq>`, or `<decisionId>/outcome` for the outcome), so a republished event is a
 * duplicate consumers drop.
 */

const Instant = Type.String({ format: 'date-time' });
const Pending = Type.Array(PendingVote, { maxItems: 50 });

export const decisionOpened = defineEvent('sanshe.governance.decision.opened.v1', {
  description:
    'Governance opened a multi-party decision for a proposal, data-access request or grant award, under the ' +
    'policy version it pins for the whole decision. Lists who must vote by when (round 1). Subject: the decisionId.',
  data: Type.Object(
    {
      decisionId: DecisionId,
      kind: DecisionKind,
      /** The id of what is decided: the proposalId, requestId or grantId of the opening event. */
      subjectId: Id,
      communityCode: CommunityCode,
      title: Type.String({ minLength: 1, maxLength: 200 }),
      /** Who proposed it; recused from voting on it. */
      proposerId: PartyId,
      policyId: Id,
      policyVersion: Type.Integer({ minimum: 1 }),
      round: DecisionRound,
      pending: Pending,
    },
    { additionalProperties: true },
  ),
  example: {
    decisionId: 'decision/activity-proposal/prop-2026-0001',
    kind: 'activity-proposal',
    subjectId: 'prop-2026-0001',
    communityCode: '310104-005-001',
    title: '社区长者午餐与探访',
    proposerId: 'organization:org-xinhua-elderly-care',
    policyId: 'xuhui-activity-proposal',
    policyVersion: 3,
    round: 1,
    pending: [
      { partyId: 'community:310104-005-001', deadline: '2026-03-09T09:30:00.000Z' },
      { partyId: 'talent:sw-2019-0457', deadline: '2026-03-09T09:30:00.000Z' },
      { partyId: 'funder:xuhui-civil-affairs', deadline: '2026-03-16T09:30:00.000Z' },
    ],
  },
});

export const decisionDeliberationOpened = defineEvent('sanshe.governance.decision.deliberation-opened.v1', {
  description:
    'A party objected. An objection is a vote, not a stop: its reason is published here and a deliberation ' +
    'window opens until `until`, in which the proposer may amend (a new round) and other parties may change ' +
    'their votes. Subject: the decisionId.',
  data: Type.Object(
    {
      decisionId: DecisionId,
      round: DecisionRound,
      objector: PartyId,
      reason: ObjectionReason,
      until: Instant,
    },
    { additionalProperties: true },
  ),
  example: {
    decisionId: 'decision/activity-proposal/prop-2026-0001',
    round: 1,
    objector: 'community:310104-005-001',
    reason: { code: 'food-safety', text: '活动室不具备供餐条件，需明确食品安全责任人后再开展午餐服务。' },
    until: '2026-03-06T09:30:00.000Z',
  },
});

export const decisionRoundOpened = defineEvent('sanshe.governance.decision.round-opened.v1', {
  description:
    'The proposer amended, so a new voting round opened: every party votes again (votes of earlier rounds no ' +
    'longer count, and a vote naming an earlier round is refused). Lists who must vote by when. Subject: the ' +
    'decisionId.',
  data: Type.Object(
    {
      decisionId: DecisionId,
      round: DecisionRound,
      /** What changed, as the proposer described it. */
      revision: Type.String({ minLength: 1, maxLength: 2000 }),
      pending: Pending,
    },
    { additionalProperties: true },
  ),
  example: {
    decisionId: 'decision/activity-proposal/prop-2026-0001',
    round: 2,
    revision: '按居委会意见，午餐地点由活动室改为社区食堂，并补充了食品安全责任人和预算明细。',
    pending: [
      { partyId: 'community:310104-005-001', deadline: '2026-03-12T10:00:00.000Z' },
      { partyId: 'talent:sw-2019-0457', deadline: '2026-03-12T10:00:00.000Z' },
      { partyId: 'funder:xuhui-civil-affairs', deadline: '2026-03-19T10:00:00.000Z' },
    ],
  },
});

export const decisionEscalated = defineEvent('sanshe.governance.decision.escalated.v1', {
  description:
    'The votes did not settle the decision (a tie, or no quorum once every deadline passed; silence counts as ' +
    "abstaining), so it went to the policy's arbiter at this escalation level, usually a government portal. " +
    "The arbiter answers with sanshe.portal.decision.arbitrated.v1 by `deadline`; otherwise the level's default " +
    'outcome applies or the next level is asked. Subject: the decisionId.',
  data: Type.Object(
    {
      decisionId: DecisionId,
      /** 1 for the first arbiter, one more for each level up (community → street → district). */
      level: Type.Integer({ minimum: 1 }),
      arbiterId: PartyId,
      deadline: Instant,
      tally: DecisionTally,
    },
    { additionalProperties: true },
  ),
  example: {
    decisionId: 'decision/activity-proposal/prop-2026-0001',
    level: 1,
    arbiterId: 'portal:xuhui-civil-affairs',
    deadline: '2026-03-26T10:00:00.000Z',
    tally: { approve: 2, object: 2, abstain: 1, pending: 0, total: 5, quorum: 3 },
  },
});

export const decisionDecided = defineEvent('sanshe.governance.decision.decided.v1', {
  description:
    "A decision is final: by the parties' votes (approving weight reached the quorum, or so much weight " +
    'objected that it no longer can), by an arbiter, by the default of an arbiter that stayed silent, or ' +
    'withdrawn by its proposer (result withdrawn, decidedBy proposer; level: the escalation level it had reached). The ' +
    "service that owns the subject acts on it. auditHash is the hash of the last record of the decision's " +
    'audit trail (SHA-256, chained), so anyone who keeps this event can detect a later silent edit of the ' +
    'trail. Event id `<decisionId>/outcome`. Subject: the decisionId.',
  data: Type.Object(
    {
      decisionId: DecisionId,
      kind: DecisionKind,
      subjectId: Id,
      communityCode: CommunityCode,
      /** withdrawn only by the proposer (decidedBy proposer), before the decision was otherwise final. */
      result: DecisionResult,
      decidedBy: Type.Union([
        Type.Literal('votes'),
        Type.Literal('arbiter'),
        Type.Literal('default'),
        Type.Literal('proposer'),
      ]),
      /** 0 when decided by the votes, else the escalation level that settled it. */
      level: Type.Integer({ minimum: 0 }),
      reason: Type.String({ minLength: 1, maxLength: 4000 }),
      tally: DecisionTally,
      auditHash: Type.String({ pattern: '^[0-9a-f]{64}$' }),
      /** How many records the audit trail holds, the last one included. */
      auditLength: Type.Integer({ minimum: 1 }),
    },
    { additionalProperties: true },
  ),
  example: {
    decisionId: 'decision/activity-proposal/prop-2026-0001',
    kind: 'activity-proposal',
    subjectId: 'prop-2026-0001',
    communityCode: '310104-005-001',
    result: 'approved',
    decidedBy: 'votes',
    level: 0,
    reason: 'approving weight 3 reached quorum 3',
    tally: { approve: 3, object: 0, abstain: 1, pending: 1, total: 5, quorum: 3 },
    auditHash: '9f2c4e1a7b3d5f60c8e2a4b6d8f0a1c3e5b7d9f1a3c5e7b9d1f3a5c7e9b1d3f5',
    auditLength: 7,
  },
});

export const decisionVoteRejected = defineEvent('sanshe.governance.decision.vote-rejected.v1', {
  description:
    'Governance refused a vote, an amendment, an arbitration or a decision opening sent as an event, and ' +
    'changed nothing. Tells the sender why: `code` is machine-readable (an open set, e.g. wrong-channel — the ' +
    "event did not arrive on the topic and from the source of the party's controller — wrong-identity, not-a-party, " +
    'conflict-of-interest, stale-round, reason-required, past-deadline, changed-vote, too-many-changes, ' +
    'voting-closed, decision-closed, unknown-decision (no opening arrived within the parking bound), ' +
    'not-the-proposer, no-deliberation, amendment-limit, not-escalated, not-the-arbiter), `reason` is for ' +
    'people. rejectedEventSource, rejectedEventId and rejectedEventType name the refused event. Subject: the decisionId.',
  data: Type.Object(
    {
      decisionId: DecisionId,
      /** The party the refused event spoke for, when it named a valid one. */
      partyId: Type.Optional(PartyId),
      /** The identity that sent the refused event, when it named a valid one. */
      castBy: Type.Optional(PartyId),
      code: Type.String({ minLength: 1, maxLength: 60, pattern: '^[a-z][a-z-]*$' }),
      reason: Type.String({ minLength: 1, maxLength: 2000 }),
      rejectedEventId: Type.String({ minLength: 1, maxLength: 400 }),
      /** The refused event's CloudEvents source: with its id, its identity. */
      rejectedEventSource: Type.Optional(Type.String({ minLength: 1, maxLength: 400 })),
      rejectedEventType: EventTypeName,
    },
    { additionalProperties: true },
  ),
  example: {
    decisionId: 'decision/activity-proposal/prop-2026-0001',
    partyId: 'community:310104-005-001',
    castBy: 'organization:org-xinhua-elderly-care',
    code: 'wrong-identity',
    reason:
      'organization:org-xinhua-elderly-care cannot cast a vote for community:310104-005-001: only a party votes for itself',
    rejectedEventId: '5b1f7d9e-2c4a-4e8b-9f13-6a0d2c7e4b91',
    rejectedEventSource: 'sanshe/organization',
    rejectedEventType: 'sanshe.organization.decision.vote-cast.v1',
  },
});
