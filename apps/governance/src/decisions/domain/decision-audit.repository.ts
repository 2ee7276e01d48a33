import type { EntityManager } from 'typeorm';
import type { ClosedDecision, DecisionAuditRecord } from './decision-audit';

/** Whether a decision that has no stored trail is open (its opening was published) or unknown. */
export type UnclosedStatus = 'open' | 'unknown';

/**
 * The durable audit of closed decisions (a port: the class is also its injection token). Append-only:
 * storing verifies the chain and refuses a broken one or one that differs from what is stored.
 */
export abstract class DecisionAuditRepository {
  /**
   * Stores the closed decision and its trail in the caller's transaction (the publish activity's).
   * The same trail again changes nothing; throws BrokenAuditChainError or ConflictingAuditError.
   */
  abstract store(manager: EntityManager, closed: ClosedDecision, trail: readonly DecisionAuditRecord[]): Promise<void>;

  abstract closed(decisionId: string): Promise<ClosedDecision | null>;

  /** The stored records, oldest first (empty if none). */
  abstract trail(decisionId: string): Promise<DecisionAuditRecord[]>;

  /** For a decision with no stored trail: open, or never heard of. */
  abstract statusOfUnclosed(decisionId: string): Promise<UnclosedStatus>;

  /** Every closed decision's id, in order, `batch` at a time after `after` (for verifying them all). */
  abstract closedIds(after: string, batch: number): Promise<string[]>;
}
