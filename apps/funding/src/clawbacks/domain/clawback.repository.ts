import type { EntityManager } from 'typeorm';
import type { Clawback } from './clawback';

/** Clawbacks' storage, in the caller's transaction. */
export abstract class ClawbackRepository {
  abstract findByTranche(manager: EntityManager, grantId: string, trancheNo: number): Promise<Clawback | null>;
  /** Inserts it unless the tranche has one: the inserted row, or null. */
  abstract insertIfAbsent(
    manager: EntityManager,
    clawback: Omit<Clawback, 'status' | 'requestedAt'>,
  ): Promise<Clawback | null>;
}
