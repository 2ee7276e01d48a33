import { type Static, Type } from '@sinclair/typebox';
import { defineEvent, EVENT_TYPE_PATTERN } from '../events/event-definition';
import { PartyId } from '../governance/decision-policy';
import { Id } from './common';

/**
 * Schemas shared by the decision events (docs/decisions.md): the events that open a decision, the votes
 * services and portals send, and what governance publishes about each decision. Every object keeps
 * `additionalProperties: true`: consumers ignore fields they do not know (additive changes).
 */

/** The kind of decision, as in a policy's `decisionKind`: activity-proposal, data-access, grant-award, … */
export const DecisionKind = Type.String({ minLength: 1, maxLength: 60, pattern: '^[a-z][a-z-]*$' });

/** `decision/<kind>/<subjectId>`: one decision per subject, also the decision workflow's id. */
export const DecisionId = Type.String({
  maxLength: 200,
  pattern: '^decision/[a-z][a-z-]*/[A-Za-z0-9][A-Za-z0-9._:-]*$',
  description: 'decision/<kind>/<subjectId>, e.g. decision/activity-proposal/prop-2026-0001',
});

/** A voting round: 1 when the decision opens, one more after each amendment. */
export const DecisionRound = Type.Integer({ minimum: 1 });

/** Why a party objects: a machine-readable code and the text the other parties read. */
export const ObjectionReason = Type.Object(
  {
    code: Type.String({ minLength: 1, maxLength: 60, pattern: '^[a-z-]+$', description: 'e.g. budget-unclear' }),
    text: Type.String({ minLength: 1, maxLength: 2000 }),
  },
  { additionalProperties: true },
);
export type ObjectionReason = Static<typeof ObjectionReason>;

export const VoteChoice = Type.Union([Type.Literal('approve'), Type.Literal('object'), Type.Literal('abstain')]);
export type VoteChoice = Static<typeof VoteChoice>;

/**
 * One party's vote on a decision. The same schema for every `sanshe.<context>.decision.vote-cast.v1`
 * type: each service and each portal publishes votes on its own topic, governance reads them all.
 */
export const DecisionVoteData = Type.Object(
  {
    decisionId: DecisionId,
    /** Whose vote this is. */
    partyId: PartyId,
    /**
     * The authenticated identity that sent the vote, as asserted by the producing service or portal
     * gateway. Only a party votes for itself: governance refuses a vote whose castBy is not its partyId.
     */
    castBy: PartyId,
    choice: VoteChoice,
    /** Required when objecting (an objection is a vote with a reason, not a stop). */
    reason: Type.Optional(ObjectionReason),
    /** The round the voter saw; a vote for an earlier round (before an amendment) is refused. */
    round: Type.Optional(DecisionRound),
  },
  { additionalProperties: true },
);
export type DecisionVoteData = Static<typeof DecisionVoteData>;

/** A party whose vote (or an arbiter whose ruling) is awaited, and until when. */
export const PendingVote = Type.Object(
  { partyId: PartyId, deadline: Type.String({ format: 'date-time' }) },
  { additionalProperties: true },
);
export type PendingVote = Static<typeof PendingVote>;

const Weight = Type.Integer({ minimum: 0 });

/** Weights by choice. The proposer's own seat, if any, counts as abstaining; `pending` have not voted yet. */
export const DecisionTally = Type.Object(
  {
    approve: Weight,
    object: Weight,
    abstain: Weight,
    pending: Weight,
    total: Weight,
    /** Approving weight needed to pass. */
    quorum: Type.Integer({ minimum: 1 }),
  },
  { additionalProperties: true },
);
export type DecisionTally = Static<typeof DecisionTally>;

/** A full event type, e.g. the type of an event governance refused. */
export const EventTypeName = Type.String({ maxLength: 200, pattern: EVENT_TYPE_PATTERN.source });

/** The contexts whose services and portals publish votes, each on its own topic. */
export type VotingContext = 'community' | 'organization' | 'talent' | 'funding' | 'portal';

/**
 * `sanshe.<context>.decision.vote-cast.v1`, always with the shared DecisionVoteData schema. `who`
 * says which parties this producer votes for, for the description.
 */
export function defineVoteCast<const Context extends VotingContext>(
  context: Context,
  who: string,
  example: DecisionVoteData,
) {
  const topic = context === 'portal' ? 'its own `sanshe.portal.<portalId>.commands` topic' : `sanshe.${context}.events`;
  return defineEvent(`sanshe.${context}.decision.vote-cast.v1`, {
    description:
      `${who} cast a vote (approve, object with a reason, or abstain) on an open decision, published on ${topic}. ` +
      'Governance reads it and records it in the decision workflow. Subject: the decisionId ' +
      '(`decision/<kind>/<subjectId>`). castBy is the authenticated identity that sent the vote, as asserted by ' +
      'the producer; only a party votes for itself, and a repeated vote has no second effect. A refused vote ' +
      '(wrong identity, not a party, stale round, objection without a reason, decision closed…) gets a ' +
      'sanshe.governance.decision.vote-rejected.v1 saying why. Every vote-cast type has the same data schema.',
    data: DecisionVoteData,
    example,
  });
}

/**
 * A party's request to call a filed proposal in (filing instead of approval, docs/decisions.md): the same
 * schema for every `sanshe.<context>.filing.call-in-requested.v1` type, as for votes.
 */
export const DecisionCallInData = Type.Object(
  {
    /** The decision a call-in would open: `decision/activity-proposal/<proposalId>`. */
    decisionId: DecisionId,
    /** The filed proposal (sanshe.organization.proposal.filed.v1). */
    proposalId: Id,
    /** Whose call-in this is: a party seated by the community's activity-proposal policy. */
    partyId: PartyId,
    /** The authenticated identity that sent it; only a party calls in for itself. */
    castBy: PartyId,
    /** Why the proposal should be decided rather than go ahead; the parties read it. */
    reason: ObjectionReason,
  },
  { additionalProperties: true },
);
export type DecisionCallInData = Static<typeof DecisionCallInData>;

/**
 * `sanshe.<context>.filing.call-in-requested.v1`, always with the shared DecisionCallInData schema. `who`
 * says which parties this producer speaks for, for the description.
 */
export function defineCallIn<const Context extends VotingContext>(
  context: Context,
  who: string,
  example: DecisionCallInData,
) {
  const topic = context === 'portal' ? 'its own `sanshe.portal.<portalId>.commands` topic' : `sanshe.${context}.events`;
  return defineEvent(`sanshe.${context}.filing.call-in-requested.v1`, {
    description:
      `${who} asked, on ${topic}, that a filed proposal be decided rather than go ahead (filing instead of ` +
      'approval). Governance counts the accepted call-ins of the filing: once parties of enough distinct ' +
      'controllers (FILING_RULE.callInControllers) called it in within the window, it publishes ' +
      'sanshe.governance.filing.called-in.v1 and opens the decision named here. A refused call-in (wrong channel ' +
      'or identity, not a party, the proposer itself, window closed…) gets a ' +
      'sanshe.governance.decision.vote-rejected.v1 saying why. Subject: the decisionId. Every call-in type has ' +
      'the same data schema.',
    data: DecisionCallInData,
    example,
    subjectField: 'decisionId',
  });
}
