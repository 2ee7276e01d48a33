import type { EntityManager } from 'typeorm';
import type { MatchEffect, Need, NeedCategory, NeedStatus } from './need';

export interface NeedFilter {
  communityCode?: string;
  status?: NeedStatus;
  category?: NeedCategory;
}

/** A need as stored: the need and who published it when. */
export interface StoredNeed {
  need: Need;
  createdBy: string;
  createdAt: Date;
}

/**
 * The need store (a port: the class doubles as its Nest injection token). Writes take the caller's
 * manager, so they share the use case's transaction with the outbox.
 */
export abstract class NeedRepository {
  abstract communityExists(manager: EntityManager, communityCode: string): Promise<boolean>;

  abstract insert(manager: EntityManager, need: Need, createdBy: string): Promise<void>;

  /** The need, locked until the transaction ends (its writers take turns); null if unknown. */
  abstract lock(manager: EntityManager, needId: string): Promise<Need | null>;

  abstract update(manager: EntityManager, need: Need): Promise<void>;

  abstract find(needId: string): Promise<StoredNeed | null>;

  /** Newest first. */
  abstract list(filter: NeedFilter): Promise<StoredNeed[]>;

  /**
   * Records what the outcome `decisionId` did to a need, once: false when it was already recorded (a
   * redelivered or re-sent decided), and then the caller changes nothing.
   */
  abstract recordMatch(
    manager: EntityManager,
    match: { decisionId: string; needId: string; proposalId: string; effect: MatchEffect | 'unknown-need' },
  ): Promise<boolean>;

  /** Whether the outcome `decisionId` was already applied to a need. */
  abstract matchRecorded(manager: EntityManager, decisionId: string): Promise<boolean>;
}
