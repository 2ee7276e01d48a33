import type { EntityManager } from 'typeorm';
import type { CommunityDecision, DecisionSeat, DecisionStage } from './community-decision';
import type { CommunityVote } from './community-vote';

export interface SeatedDecision extends CommunityDecision {
  seat: DecisionSeat;
  votes: CommunityVote[];
}

/** The community's decisions, seats and votes; writes go through the caller's transaction. */
export abstract class DecisionRepository {
  /** Records an opened decision with its seats; a decision already known is left as it is. */
  abstract open(manager: EntityManager, decision: CommunityDecision, seats: DecisionSeat[]): Promise<void>;
  /** The decision, locked for the rest of the transaction (null when the community does not know it). */
  abstract lock(manager: EntityManager, decisionId: string): Promise<CommunityDecision | null>;
  abstract update(
    manager: EntityManager,
    decisionId: string,
    change: { stage: DecisionStage; round?: number; result?: string },
  ): Promise<void>;
  /** A new round's seats replace the previous round's. */
  abstract replaceSeats(manager: EntityManager, decisionId: string, seats: DecisionSeat[]): Promise<void>;
  abstract seat(manager: EntityManager, decisionId: string, partyId: string): Promise<DecisionSeat | null>;
  /** The decisions seating the party, newest first; closed ones only when asked. */
  abstract listFor(partyId: string, includeClosed: boolean): Promise<SeatedDecision[]>;
  abstract insertVote(manager: EntityManager, vote: CommunityVote): Promise<void>;
  abstract vote(voteId: string): Promise<CommunityVote | null>;
  /** Marks the vote sent as `eventId` refused by governance; false when no vote of the community has that id. */
  abstract rejectVote(
    manager: EntityManager,
    eventId: string,
    rejection: { code: string; reason: string },
  ): Promise<boolean>;
}
