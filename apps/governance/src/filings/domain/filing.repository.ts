import type { EntityManager } from 'typeorm';
import type { FilingStatus } from './call-in';
import type { Filing, FilingCallIn } from './filing';

/**
 * Filings and their call-ins (a port: the class is also its injection token). Writes join the caller's
 * transaction (the bridge's inbox one); reads without a manager use the pool.
 */
export abstract class FilingRepository {
  /**
   * Serializes every use case of one proposal's filing until the caller's transaction ends, the filing
   * row existing or not yet: two call-ins read on two topics at once open one decision, and a call-in
   * that waits while its filing is noticed is judged by the notice.
   */
  abstract lock(manager: EntityManager, proposalId: string): Promise<void>;

  abstract find(proposalId: string, manager?: EntityManager): Promise<Filing | null>;

  abstract insert(manager: EntityManager, filing: Filing): Promise<void>;

  abstract setStatus(
    manager: EntityManager,
    proposalId: string,
    status: FilingStatus,
    cause: Filing['cause'],
  ): Promise<void>;

  /** The call-ins of a proposal, in arrival order. */
  abstract callIns(proposalId: string, manager?: EntityManager): Promise<FilingCallIn[]>;

  /**
   * Records a call-in. A party has one row: a later call-in replaces a refused or waiting one of the same
   * party, never an accepted one.
   */
  abstract saveCallIn(manager: EntityManager, callIn: FilingCallIn): Promise<void>;
}
