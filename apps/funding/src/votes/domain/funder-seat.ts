import { createHash } from 'node:crypto';
import type { NewEvent, ObjectionReason, VoteChoice } from '@sanshe/contracts';
import type { Verdict } from './funding-vote-rules';

/*
 * The funder's seat (pure): the decisions that seat a `funder:*` party funding speaks for, their current
 * round's seats, and one vote per party and round, cast by the rules or by the funder's staff.
 */

const FUNDER_PARTY = /^funder:[A-Za-z0-9][A-Za-z0-9._:-]*$/;
/** Funding speaks for `funder:*` parties only; a `portal:*` funder votes on its portal's own topic. */
export const isFunderParty = (partyId: string): boolean => FUNDER_PARTY.test(partyId);

export interface Seat {
  partyId: string;
  deadline: string;
}

/** A decision as governance announced it, with the funder seats of its current round. */
export interface TrackedDecision {
  decisionId: string;
  kind: string;
  subjectId: string;
  communityCode: string;
  title: string;
  round: number;
  seats: Seat[];
  status: 'open' | 'decided';
  result: string | null;
}

export interface SeatVote {
  decisionId: string;
  partyId: string;
  round: number;
  choice: VoteChoice;
  reason: ObjectionReason | null;
  /** Who cast it: `rules` (FUNDING_VOTE_RULES) or the staff member's token subject. */
  castBy: string;
  mode: 'rules' | 'staff';
  rulesVersion: number | null;
  eventId: string;
}

export const VOTE_CAST_TYPE = 'sanshe.funding.decision.vote-cast.v1';
const EVENT_ID_MAX = 256;

/** Deterministic per decision, party and round (a redelivery republishes nothing); hashed past the envelope's cap. */
export function voteEventId(decisionId: string, partyId: string, round: number): string {
  const key = `${decisionId}:${partyId}:${round}`;
  const id = `${VOTE_CAST_TYPE}:${key}`;
  return id.length <= EVENT_ID_MAX ? id : `${VOTE_CAST_TYPE}:${createHash('sha256').update(key).digest('hex')}`;
}

type VoteCast = Omit<NewEvent<typeof VOTE_CAST_TYPE>, 'source'>;

/** The vote and the event that carries it (castBy the party: funding speaks for its funder seats). */
export function seatVote(
  seat: { decisionId: string; partyId: string; round: number },
  verdict: Verdict,
  by: { mode: 'rules'; rulesVersion: number } | { mode: 'staff'; castBy: string },
): { vote: SeatVote; event: VoteCast } {
  const { decisionId, partyId, round } = seat;
  const { choice, reason } = verdict;
  const eventId = voteEventId(decisionId, partyId, round);
  const castBy = by.mode === 'rules' ? 'rules' : by.castBy;
  const rulesVersion = by.mode === 'rules' ? by.rulesVersion : null;
  const vote: SeatVote = { ...seat, choice, reason, castBy, mode: by.mode, rulesVersion, eventId };
  const data = { decisionId, partyId, castBy: partyId, choice, round, ...(reason ? { reason } : {}) };
  return { vote, event: { type: VOTE_CAST_TYPE, id: eventId, subject: decisionId, data } };
}

/** The funder seats of the current round that have not voted yet (none once decided). */
export function seatsToVote(decision: TrackedDecision, cast: readonly { partyId: string; round: number }[]): Seat[] {
  if (decision.status !== 'open') return [];
  const voted = new Set(cast.filter((vote) => vote.round === decision.round).map((vote) => vote.partyId));
  return decision.seats.filter((seat) => isFunderParty(seat.partyId) && !voted.has(seat.partyId));
}

export type StaffVoteRefusal =
  | { code: 'decision-closed'; result: string | null }
  | { code: 'not-seated'; round: number; seated: string[] }
  | { code: 'already-voted'; round: number; choice: VoteChoice };

/** Why the staff vote of `partyId` is refused in the current round (null: it may vote). */
export function staffVoteRefusal(
  decision: TrackedDecision,
  partyId: string,
  cast: readonly { partyId: string; round: number; choice: VoteChoice }[],
): StaffVoteRefusal | null {
  if (decision.status !== 'open') return { code: 'decision-closed', result: decision.result };
  const seated = decision.seats.filter((seat) => isFunderParty(seat.partyId)).map((seat) => seat.partyId);
  if (!seated.includes(partyId)) return { code: 'not-seated', round: decision.round, seated };
  const previous = cast.find((vote) => vote.partyId === partyId && vote.round === decision.round);
  return previous ? { code: 'already-voted', round: decision.round, choice: previous.choice } : null;
}
