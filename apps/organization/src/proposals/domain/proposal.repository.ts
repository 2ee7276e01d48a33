import type { EntityManager } from 'typeorm';
import type { Proposal, ProposalStatus } from './proposal';

export interface ProposalFilter {
  organizationId: string;
  status?: ProposalStatus;
  /** Drafts and discarded proposals are the organization's own (its admin, staff, the auditor). */
  includeUnsent: boolean;
}

/**
 * The proposal store (a port: the class doubles as its Nest injection token). Writes take the caller's
 * manager, so they share the use case's transaction with the outbox and the activity it schedules.
 */
export abstract class ProposalRepository {
  abstract insert(manager: EntityManager, proposal: Proposal): Promise<void>;

  /** The proposal with every revision, locked until the transaction ends; null if unknown. */
  abstract lock(manager: EntityManager, proposalId: string): Promise<Proposal | null>;

  /** Writes the proposal's row and every revision (new ones added, changed ones updated). */
  abstract save(manager: EntityManager, proposal: Proposal): Promise<void>;

  abstract find(proposalId: string): Promise<Proposal | null>;

  /** Every proposal of the organization in one of these statuses, oldest first (no limit), in `manager`'s transaction. */
  abstract idsOf(
    manager: EntityManager,
    organizationId: string,
    statuses: readonly ProposalStatus[],
  ): Promise<string[]>;

  /** Newest first, at most 500. */
  abstract list(filter: ProposalFilter): Promise<Proposal[]>;
}
