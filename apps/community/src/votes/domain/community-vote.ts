import type { EventType, FieldProblem, NewEvent, ObjectionReason, VoteChoice } from '@sanshe/contracts';
import { type Caller, ROLES, roleRefusal } from '../../access/community-access';
import { bodyOfParty } from '../../representatives/domain/representative';
import type { CommunityDecision, DecisionSeat } from './community-decision';
import { isCommunityParty } from './community-decision';

/*
 * A vote of the community's committee (`community:<code>`) or of its residents' representatives
 * (`residents:<code>`), cast by one of them through the API (pure rules). Governance decides whether it
 * counts; the community only checks who may speak for the party and that the decision waits on it.
 */

export interface CastVoteInput {
  decisionId: string;
  partyId: string;
  choice: VoteChoice;
  reason?: ObjectionReason;
  round?: number;
}

export interface CommunityVote {
  voteId: string;
  eventId: string;
  decisionId: string;
  partyId: string;
  round: number;
  choice: VoteChoice;
  reason: ObjectionReason | null;
  castBySub: string;
  status: 'sent' | 'rejected';
  rejection: { code: string; reason: string } | null;
}

/** Who casts each party's vote: committee members for the committee, elected representatives for the residents. */
export const VOTING_ROLE = { committee: ROLES.committeeMember, residents: ROLES.residentsRep } as const;

/** Field rules beyond the schema: an objection is a vote with a reason. */
export function voteInputProblems(input: CastVoteInput): FieldProblem[] {
  const problems: FieldProblem[] = [];
  if (!isCommunityParty(input.partyId)) {
    problems.push({ path: '/body/partyId', message: 'must be community:<communityCode> or residents:<communityCode>' });
  }
  if (input.choice === 'object' && !input.reason) {
    problems.push({ path: '/body/reason', message: 'is required when objecting (code and text)' });
  }
  return problems;
}

/**
 * Why `caller` may not cast `partyId`'s vote (or call a filing in for it), or null: the token must speak
 * for the party with the body's voting role. Committee staff never vote, and a committee member cannot cast the residents' vote.
 */
export function voterRefusal(caller: Caller, partyId: string, action = `cast the vote of ${partyId}`): string | null {
  const party = bodyOfParty(partyId);
  if (!party) return `${partyId} is not a party the community votes for`;
  return roleRefusal(caller, VOTING_ROLE[party.body], [partyId], action);
}

export type VoteRefusal =
  { code: 'decision-not-found'; message: string } | { code: 'not-seated' | 'decision-closed'; message: string };

/** Whether the decision waits on the party at all: known (404), open and seating it (409). */
export function seatRefusal(
  decision: CommunityDecision | null,
  seat: DecisionSeat | null,
  input: CastVoteInput,
): VoteRefusal | null {
  if (!decision) {
    return { code: 'decision-not-found', message: `the community knows no decision ${input.decisionId}` };
  }
  if (decision.stage === 'closed') {
    return {
      code: 'decision-closed',
      message: `decision ${decision.decisionId} is closed (${decision.result ?? 'decided'})`,
    };
  }
  if (!seat) return { code: 'not-seated', message: `decision ${decision.decisionId} does not seat ${input.partyId}` };
  return null;
}

/** The vote and the one event that carries it to governance (castBy = the party: the community speaks for it). */
export function castVote(
  voteId: string,
  input: CastVoteInput,
  decision: CommunityDecision,
  castBySub: string,
): { vote: CommunityVote; event: Omit<NewEvent<EventType>, 'source'> } {
  const type = 'sanshe.community.decision.vote-cast.v1';
  const eventId = `${type}:${voteId}`;
  const round = input.round ?? decision.round;
  const { decisionId, partyId, choice, reason } = input;
  const vote: CommunityVote = {
    voteId,
    eventId,
    decisionId,
    partyId,
    round,
    choice,
    reason: reason ?? null,
    castBySub,
    status: 'sent',
    rejection: null,
  };
  const data = { decisionId, partyId, castBy: partyId, choice, round, ...(reason ? { reason } : {}) };
  return { vote, event: { type, subject: decisionId, id: eventId, data } as Omit<NewEvent<EventType>, 'source'> };
}
