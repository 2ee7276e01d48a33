import type { FieldProblem, NewEvent, ObjectionReason, VoteChoice } from '@sanshe/contracts';
import { type Caller, ROLES, roleRefusal } from '../../access/organization-access';
import { type DecisionSeat, isOrganizationParty, type OrgDecision } from './org-decision';
import type { VoteConflictCode } from './vote-errors';

/*
 * A vote of an organization (`organization:<id>`) cast by its admin (负责人) through the API (pure
 * rules). Governance decides whether it counts; the organization checks who may speak for the party
 * and that the decision waits on it.
 */

export interface CastVoteInput {
  decisionId: string;
  partyId: string;
  choice: VoteChoice;
  reason?: ObjectionReason;
  round?: number;
}

export interface Rejection {
  code: string;
  reason: string;
}

export interface OrgVote {
  voteId: string;
  eventId: string;
  decisionId: string;
  partyId: string;
  round: number;
  choice: VoteChoice;
  reason: ObjectionReason | null;
  castBySub: string;
  status: 'sent' | 'rejected';
  rejection: Rejection | null;
}

/** Field rules beyond the schema: an organization's party, and an objection is a vote with a reason. */
export function voteInputProblems(input: CastVoteInput): FieldProblem[] {
  const problems: FieldProblem[] = [];
  if (!isOrganizationParty(input.partyId)) {
    problems.push({ path: '/body/partyId', message: 'must be organization:<organizationId>' });
  }
  if (input.choice === 'object' && !input.reason) {
    problems.push({ path: '/body/reason', message: 'is required when objecting (code and text)' });
  }
  return problems;
}

/** Why `caller` may not speak for `partyId` (vote or call in), or null: only its organization-admin; staff never. */
export const speakerRefusal = (caller: Caller, partyId: string, action: string): string | null =>
  roleRefusal(caller, ROLES.orgAdmin, [partyId], `${action} for ${partyId}`);

export type SeatRefusal = { code: 'decision-not-found'; message: string } | { code: VoteConflictCode; message: string };

/** Whether the decision waits on the party at all: known (404), not its own, open, seating it (409). */
export function seatRefusal(
  decision: OrgDecision | null,
  seat: DecisionSeat | null,
  input: Pick<CastVoteInput, 'decisionId' | 'partyId'>,
): SeatRefusal | null {
  if (!decision)
    return { code: 'decision-not-found', message: `the organization knows no decision ${input.decisionId}` };
  if (decision.proposerId === input.partyId) {
    return {
      code: 'own-proposal',
      message: `${input.partyId} proposed ${decision.decisionId}: a proposer does not vote on it`,
    };
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

type VoteCast = Omit<NewEvent<'sanshe.organization.decision.vote-cast.v1'>, 'source'>;

/** The vote and the one event that carries it to governance (castBy = the party: the organization speaks for it). */
export function castVote(
  voteId: string,
  input: CastVoteInput,
  decision: OrgDecision,
  castBySub: string,
): { vote: OrgVote; event: VoteCast } {
  const type = 'sanshe.organization.decision.vote-cast.v1';
  const eventId = `${type}:${voteId}`;
  const round = input.round ?? decision.round;
  const { decisionId, partyId, choice, reason } = input;
  const vote: OrgVote = {
    ...{ voteId, eventId, decisionId, partyId, round, choice, reason: reason ?? null, castBySub },
    status: 'sent',
    rejection: null,
  };
  const data = { decisionId, partyId, castBy: partyId, choice, round, ...(reason ? { reason } : {}) };
  return { vote, event: { type, subject: decisionId, id: eventId, data } };
}
