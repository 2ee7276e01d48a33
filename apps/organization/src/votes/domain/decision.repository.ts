import type { EntityManager } from 'typeorm';
import type { DecisionSeat, DecisionStage, OrgDecision } from './org-decision';
import type { OrgVote, Rejection } from './org-vote';

export interface SeatedDecision extends OrgDecision {
  seat: DecisionSeat;
  votes: OrgVote[];
}

/** The organization's decisions, seats and votes; writes go through the caller's transaction. */
export abstract class DecisionRepository {
  /** Records an opened decision with its seats; a decision already known is left as it is. */
  abstract open(manager: EntityManager, decision: OrgDecision, seats: DecisionSeat[]): Promise<void>;
  /** The decision, locked for the rest of the transaction (null when the organization does not know it). */
  abstract lock(manager: EntityManager, decisionId: string): Promise<OrgDecision | null>;
  abstract update(
    manager: EntityManager,
    decisionId: string,
    change: { stage: DecisionStage; lastSeq: number; round?: number; result?: string },
  ): Promise<void>;
  /** A new round's seats replace the previous round's. */
  abstract replaceSeats(manager: EntityManager, decisionId: string, seats: DecisionSeat[]): Promise<void>;
  abstract seat(manager: EntityManager, decisionId: string, partyId: string): Promise<DecisionSeat | null>;
  /** The decisions seating the party that it did not propose, newest first; closed ones only when asked. */
  abstract listFor(partyId: string, includeClosed: boolean): Promise<SeatedDecision[]>;
  abstract insertVote(manager: EntityManager, vote: OrgVote): Promise<void>;
  abstract vote(voteId: string): Promise<OrgVote | null>;
  /** Marks the vote sent as `eventId` refused; false when no vote of the organization has that id. */
  abstract rejectVote(manager: EntityManager, eventId: string, rejection: Rejection): Promise<boolean>;
}
