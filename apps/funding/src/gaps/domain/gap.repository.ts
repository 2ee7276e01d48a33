import type { EntityManager } from 'typeorm';
import type { SecuredTranche } from './funding-gaps';
import type { GapState } from './gap-episodes';

/** A tranche of a grant the organization holds, with what the funding view shows of it. */
export interface ScheduledTranche extends SecuredTranche {
  programId: string;
  amountFen: number;
  currency: string;
  milestone: string;
}

/**
 * The gap warnings' reads of the grants and payments tables (owned by the grants and payments features,
 * read here in SQL only) and their own state table; writes join the caller's transaction.
 */
export abstract class GapRepository {
  /** Serializes the checks of one organization until the transaction ends (two sweeps detect once). */
  abstract lockOrganization(manager: EntityManager, organizationId: string): Promise<void>;
  /** Every tranche of the organization's active and completed grants, paid = a settled payment exists. */
  abstract tranchesOf(organizationId: string, manager?: EntityManager): Promise<ScheduledTranche[]>;
  /** The clawbacks requested on the organization's grants (their tranche's paid money taken back). */
  abstract clawbacksOf(organizationId: string): Promise<{ currency: string; amountFen: number }[]>;
  abstract statesOf(organizationId: string, manager?: EntityManager): Promise<GapState[]>;
  abstract saveState(manager: EntityManager, state: GapState): Promise<void>;
  /** Organizations with a grant ever activated, or a gap open: what a sweep checks. */
  abstract watchedOrganizations(): Promise<string[]>;
}
