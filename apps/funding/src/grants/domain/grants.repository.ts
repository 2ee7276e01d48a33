import type { EntityManager } from 'typeorm';
import type { Grant, GrantStatus } from './grant';

export interface GrantView extends Grant {
  awardedBy: string;
  createdAt: string;
  updatedAt: string;
}

export interface GrantFilter {
  programId?: string;
  organizationId?: string;
  funderId?: string;
  status?: GrantStatus;
  /** Null = everything (auditor); else its funders' grants and its organizations' own. */
  scope: { funderIds: readonly string[]; organizationIds: readonly string[] } | null;
}

/** The grant table; writes in the caller's transaction. */
export abstract class GrantsRepository {
  /**
   * Serialises awards to an organization with its deregistration (an advisory lock until commit): a grant
   * awarded at the same moment is either refused or seen, and voided, by the deregistration.
   */
  abstract lockOrganization(manager: EntityManager, organizationId: string): Promise<void>;
  /** Inserts an awarded grant; false when its application already has one (nothing written). */
  abstract insert(manager: EntityManager, grant: Grant, awardedBy: string): Promise<boolean>;
  /** The grant, locked until the transaction ends. */
  abstract lock(manager: EntityManager, grantId: string): Promise<GrantView | null>;
  /** Saves what a transition changed: status, tranches, activation, void reason. */
  abstract saveTransition(manager: EntityManager, grant: Grant): Promise<void>;
  /** What the program's awarded grants (not yet reserved) will take, in fen. */
  abstract pendingFen(manager: EntityManager, programId: string): Promise<number>;
  /** The ids of the organization's grants still awarded (waiting for their decision). */
  abstract awardedOf(manager: EntityManager, organizationId: string): Promise<string[]>;
  abstract find(grantId: string, manager?: EntityManager): Promise<GrantView | null>;
  abstract list(filter: GrantFilter): Promise<GrantView[]>;
}
