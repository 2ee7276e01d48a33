import { Type } from '@sinclair/typebox';
import { defineEvent } from '../events/event-definition';
import { PartyId } from '../governance/decision-policy';
import { CommunityCode, Id, Instant } from './common';
import { DecisionId, ObjectionReason } from './decision';

/*
 * Filing instead of approval (docs/decisions.md), on sanshe.governance.events: governance notices a filed
 * proposal to the parties who may call it in, and says when they did. Subject: the decisionId the filing would
 * become (`decision/activity-proposal/<proposalId>`), so a filing's events and its decision's stay in order.
 */

export const filingNoticed = defineEvent('sanshe.governance.filing.noticed.v1', {
  description:
    'Governance accepted a filed proposal (sanshe.organization.proposal.filed.v1) as low-risk under the filing ' +
    'rule and noticed it to the parties of the community: eligiblePartyIds (the seats of its activity-proposal ' +
    'policy, the proposer excepted) may call it in until callInUntil; parties of callInControllers distinct ' +
    'controllers make it a decision. Until then the activity goes ahead. Subject: the decisionId.',
  data: Type.Object(
    {
      proposalId: Id,
      decisionId: DecisionId,
      communityCode: CommunityCode,
      organizationId: Id,
      proposerId: PartyId,
      callInUntil: Instant,
      eligiblePartyIds: Type.Array(PartyId, { maxItems: 50 }),
      callInControllers: Type.Integer({ minimum: 2 }),
      filingRuleVersion: Type.Integer({ minimum: 1 }),
    },
    { additionalProperties: true },
  ),
  example: {
    proposalId: 'prop-2026-0002',
    decisionId: 'decision/activity-proposal/prop-2026-0002',
    communityCode: '310104-005-001',
    organizationId: 'org-tianlin-youth-work',
    proposerId: 'organization:org-tianlin-youth-work',
    callInUntil: '2026-11-30T08:00:05.000Z',
    eligiblePartyIds: [
      'community:310104-005-001',
      'residents:310104-005-001',
      'talent:district-social-workers',
      'funder:district-civil-affairs-fund',
      'organization:district-federation',
    ],
    callInControllers: 2,
    filingRuleVersion: 1,
  },
  subjectField: 'decisionId',
});

export const filingCalledIn = defineEvent('sanshe.governance.filing.called-in.v1', {
  description:
    'A filing goes to a decision after all: parties of enough controllers called it in (cause parties, with ' +
    'calledInBy), or governance found it not low-risk under the filing rule (cause not-low-risk, with the ' +
    'violations). Governance opens the decision next (sanshe.governance.decision.opened.v1, same decisionId); ' +
    'the organization pauses the activity until it is decided. Subject: the decisionId.',
  data: Type.Object(
    {
      proposalId: Id,
      decisionId: DecisionId,
      communityCode: CommunityCode,
      cause: Type.Union([Type.Literal('parties'), Type.Literal('not-low-risk')]),
      calledInBy: Type.Array(
        Type.Object({ partyId: PartyId, reason: ObjectionReason }, { additionalProperties: true }),
        { maxItems: 50 },
      ),
      /** The filing rule's problems with the proposal (cause not-low-risk), each naming its field. */
      violations: Type.Optional(
        Type.Array(
          Type.Object(
            { path: Type.String({ maxLength: 200 }), message: Type.String({ maxLength: 500 }) },
            { additionalProperties: true },
          ),
          { maxItems: 20 },
        ),
      ),
    },
    { additionalProperties: true },
  ),
  example: {
    proposalId: 'prop-2026-0002',
    decisionId: 'decision/activity-proposal/prop-2026-0002',
    communityCode: '310104-005-001',
    cause: 'parties',
    calledInBy: [
      {
        partyId: 'community:310104-005-001',
        reason: { code: 'venue-conflict', text: '同一时段社区活动室已安排老年大学课程，请说明活动地点后再开展。' },
      },
      {
        partyId: 'talent:district-social-workers',
        reason: { code: 'staffing-unclear', text: '方案未说明由哪位持证社工督导志愿者，请补充。' },
      },
    ],
  },
  subjectField: 'decisionId',
});

export const filingWithdrawn = defineEvent('sanshe.governance.filing.withdrawn.v1', {
  description:
    'The proposer withdrew a noticed filing before anyone called it in (sanshe.organization.proposal.withdrawn.v1, ' +
    'withdrawnFrom filing): the filing is closed, no call-in is taken any more and no decision follows. ' +
    'reason is the one the organization gave. A filing already called in is withdrawn as its decision instead ' +
    '(sanshe.governance.decision.decided.v1, result withdrawn), never with this event. Subject: the decisionId.',
  data: Type.Object(
    {
      proposalId: Id,
      decisionId: DecisionId,
      communityCode: CommunityCode,
      organizationId: Id,
      reason: ObjectionReason,
      withdrawnAt: Instant,
    },
    { additionalProperties: true },
  ),
  example: {
    proposalId: 'prop-2026-0002',
    decisionId: 'decision/activity-proposal/prop-2026-0002',
    communityCode: '310104-005-001',
    organizationId: 'org-tianlin-youth-work',
    reason: { code: 'capacity-changed', text: '原定社工离职，本周无法开展，撤回备案，下季度重新提交。' },
    withdrawnAt: '2026-11-28T09:30:00.000Z',
  },
  subjectField: 'decisionId',
});
