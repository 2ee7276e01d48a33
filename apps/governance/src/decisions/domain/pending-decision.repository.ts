import type { EntityManager } from 'typeorm';

/** An open decision as its latest public event described it: who it waits on, until when. */
export interface PendingDecision {
  decisionId: string;
  kind: string;
  subjectId: string;
  communityCode: string;
  title: string;
  round: number;
  /** voting, deliberation or escalated. */
  stage: string;
  pending: { partyId: string; deadline: string }[];
}

/**
 * The approvers' inbox read model (a port: the class is also its injection token). Writes join the
 * caller's transaction: the publish activity's (with the event's outbox row) or the bridge's inbox one.
 */
export abstract class PendingDecisionRepository {
  /** Records the decision's state after the event numbered `auditSeq`, unless a later one is stored. */
  abstract record(manager: EntityManager, decision: PendingDecision, auditSeq: number): Promise<void>;

  /** The decision closed: it waits on nobody. */
  abstract close(manager: EntityManager, decisionId: string): Promise<void>;

  /** `partyId` voted (or ruled) in `round`: it is no longer awaited in that round. */
  abstract voted(manager: EntityManager, decisionId: string, partyId: string, round: number): Promise<void>;

  /** The open decisions that still wait on `partyId`, earliest deadline first. */
  abstract waitingOn(partyId: string): Promise<(PendingDecision & { deadline: string })[]>;
}
