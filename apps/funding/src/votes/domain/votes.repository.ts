import type { EntityManager } from 'typeorm';
import type { VoteChoice } from '@sanshe/contracts';
import type { Seat, SeatVote, TrackedDecision } from './funder-seat';

export interface Rejection {
  code: string;
  reason: string;
}

/** A vote as the API shows it: what was cast, by the rules or whom, and governance's refusal if any. */
export interface VoteView extends SeatVote {
  castAt: string;
  status: 'sent' | 'rejected';
  rejection: Rejection | null;
}

/** A decision in a funder's inbox: the seats it holds in the current round and whether each has voted. */
export interface DecisionView extends TrackedDecision {
  votes: VoteView[];
}

/** The decisions seating a funder party and the votes cast; writes in the caller's transaction. */
export abstract class VotesRepository {
  /** Records an opened decision with its round-1 funder seats; one already known is left as it is. */
  abstract open(manager: EntityManager, decision: TrackedDecision): Promise<void>;
  /** The decision, locked for the rest of the transaction; null when funding does not track it. */
  abstract lock(manager: EntityManager, decisionId: string): Promise<TrackedDecision | null>;
  /** A newer round and its funder seats (the caller checked it is newer). */
  abstract openRound(manager: EntityManager, decisionId: string, round: number, seats: Seat[]): Promise<void>;
  abstract close(manager: EntityManager, decisionId: string, result: string): Promise<void>;
  /** The open decisions about `subjectId` (a proposal or a grant), to vote once its facts arrive. */
  abstract openOfSubject(manager: EntityManager, subjectId: string): Promise<string[]>;
  abstract cast(
    manager: EntityManager,
    decisionId: string,
  ): Promise<{ partyId: string; round: number; choice: VoteChoice }[]>;
  /** Inserts the vote; false when the party already voted in that round (nothing written). */
  abstract insertVote(manager: EntityManager, vote: SeatVote): Promise<boolean>;
  /** Marks the vote sent as `eventId` refused; false when funding sent no vote with that id. */
  abstract rejectVote(manager: EntityManager, eventId: string, rejection: Rejection): Promise<boolean>;
  abstract votesOf(decisionId: string): Promise<VoteView[]>;
  /** The decisions seating one of `partyIds` in their current round, newest first (all: `partyIds` null). */
  abstract decisionsSeating(partyIds: readonly string[] | null, options: { pending: boolean }): Promise<DecisionView[]>;
}
