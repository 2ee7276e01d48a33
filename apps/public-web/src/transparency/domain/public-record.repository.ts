import type { EntityManager } from 'typeorm';
import type {
  CastVote,
  DecisionStage,
  Money,
  PublicDecision,
  PublicEvaluation,
  PublicGrant,
  PublicNeed,
  Seat,
} from './public-record';

/** A decision's state after the event at `seq` of its audit trail; what the event does not tell is null. */
export interface DecisionFact {
  decisionId: string;
  kind: string;
  subjectId: string;
  communityCode: string | null;
  title: string | null;
  proposerId: string | null;
  stage: DecisionStage;
  result: string | null;
  decidedBy: string | null;
  level: number | null;
  arbiterId: string | null;
  outcomeReason: string | null;
  tally: Record<string, number> | null;
  openedAt: Date | null;
  decidedAt: Date | null;
  seq: number;
}

export interface VoteFact extends Omit<CastVote, 'refusedCode'> {
  /** The vote's CloudEvents identity: a refusal names it. */
  source: string;
  eventId: string;
}

export interface TrancheFact {
  grantId: string;
  trancheNo: number;
  amount: Money | null;
  milestone: string | null;
  dueDate: string | null;
  paid: { amount: Money; paidAt: Date } | null;
}

export interface CommunitySummary {
  communityCode: string;
  name: string | null;
  streetCode: string | null;
  needs: number;
  decisions: number;
  grants: number;
}

export interface CommunityRecord {
  community: { communityCode: string; name: string | null; streetCode: string | null };
  needs: PublicNeed[];
  decisions: (PublicDecision & { seats: Seat[]; votes: CastVote[] })[];
  grants: PublicGrant[];
  evaluations: PublicEvaluation[];
}

/**
 * The public record (a port: the class is also its injection token). Every write joins the inbox transaction
 * of the event it applies and is an idempotent upsert; reads are one read-only pass each.
 */
export abstract class PublicRecordRepository {
  abstract recordCommunity(
    manager: EntityManager,
    community: { communityCode: string; streetCode: string; name: string; revision: number },
  ): Promise<void>;

  abstract recordNeed(manager: EntityManager, need: PublicNeed & { communityCode: string }): Promise<void>;

  /** Matched or closed; an unknown need is left alone (its own events come first, on its partition). */
  abstract updateNeed(
    manager: EntityManager,
    change: { needId: string; status: 'matched' | 'closed'; closeReason: string | null; decisionId: string | null },
  ): Promise<void>;

  abstract recordDecision(manager: EntityManager, fact: DecisionFact): Promise<void>;

  abstract recordSeats(manager: EntityManager, seats: Seat[]): Promise<void>;

  abstract recordVote(manager: EntityManager, vote: VoteFact): Promise<void>;

  abstract recordRefusal(
    manager: EntityManager,
    refusal: { source: string; eventId: string; decisionId: string; code: string },
  ): Promise<void>;

  /** Awarded or activated: fills what it knows; an activation is never taken back to awarded. */
  abstract recordGrant(
    manager: EntityManager,
    grant: Omit<PublicGrant, 'tranches' | 'status' | 'voidReason'> & {
      communityCode: string;
      status: 'awarded' | 'active';
    },
  ): Promise<void>;

  /** Voided; an unknown grant is left alone (its award comes first, on its partition). */
  abstract voidGrant(manager: EntityManager, voided: { grantId: string; reason: string }): Promise<void>;

  abstract recordTranche(manager: EntityManager, tranche: TrancheFact): Promise<void>;

  abstract recordEvaluation(
    manager: EntityManager,
    evaluation: PublicEvaluation & { communityCode: string },
  ): Promise<void>;

  /** Every community the record knows of, by code: registered, or named by a need, decision or grant. */
  abstract communities(): Promise<CommunitySummary[]>;

  /** What the record holds about one community; null when it knows nothing of it. */
  abstract recordOf(communityCode: string): Promise<CommunityRecord | null>;
}
