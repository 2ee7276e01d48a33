import type { EntityManager } from 'typeorm';
import type { ProposalRevision, TalentVote, TrackedDecision } from './talent-vote';

export interface SeatOfRound {
  partyId: string;
  round: number;
  deadline: string;
}

export interface Rejection {
  code: string;
  reason: string;
}

/** A vote as the API shows it: what was cast, on which revision, and governance's refusal if any. */
export interface VoteView extends TalentVote {
  castAt: string;
  status: 'sent' | 'rejected';
  rejection: Rejection | null;
}

export interface StoredRevision extends ProposalRevision {
  organizationId: string;
  communityCode: string;
}

/** Proposal revisions, decisions seating a talent party, and the votes cast; writes in the caller's transaction. */
export abstract class VotesRepository {
  /**
   * Serialises the transactions about one proposal's decision (an advisory lock until commit), so an
   * opening and the plan it waits for, read in two transactions at once, never both miss each other.
   */
  abstract lockProposal(manager: EntityManager, proposalId: string): Promise<void>;
  /** Keeps a revision; one already kept (a redelivery) is left as it is. */
  abstract saveRevision(manager: EntityManager, revision: StoredRevision): Promise<void>;
  abstract revisions(manager: EntityManager, proposalId: string): Promise<ProposalRevision[]>;
  /** The highest revision number kept for the proposal (0 when none). */
  abstract lastRevisionNo(manager: EntityManager, proposalId: string): Promise<number>;
  /** Records an opened decision with its round-1 seats; one already known is left as it is. */
  abstract open(manager: EntityManager, decision: TrackedDecision, seats: SeatOfRound[]): Promise<void>;
  /** The decision, locked for the rest of the transaction; null when talent does not track it. */
  abstract lock(manager: EntityManager, decisionId: string): Promise<TrackedDecision | null>;
  abstract decisionsOfProposal(manager: EntityManager, proposalId: string): Promise<string[]>;
  /** A new round, its description and its seats (the caller checked it is newer). */
  abstract openRound(
    manager: EntityManager,
    decisionId: string,
    round: { round: number; text: string },
    seats: SeatOfRound[],
  ): Promise<void>;
  abstract close(manager: EntityManager, decisionId: string, result: string): Promise<void>;
  abstract seats(manager: EntityManager, decisionId: string, round: number): Promise<SeatOfRound[]>;
  abstract castSeats(manager: EntityManager, decisionId: string): Promise<{ partyId: string; round: number }[]>;
  /** Inserts the vote; false when the party already voted in that round (nothing written). */
  abstract insertVote(manager: EntityManager, vote: TalentVote): Promise<boolean>;
  /** Marks the vote sent as `eventId` refused; false when talent sent no vote with that id. */
  abstract rejectVote(manager: EntityManager, eventId: string, rejection: Rejection): Promise<boolean>;
  abstract votesOf(decisionId: string): Promise<VoteView[]>;
}
