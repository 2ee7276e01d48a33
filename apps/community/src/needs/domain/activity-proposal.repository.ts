import type { EntityManager } from 'typeorm';
import type { ActivityProposal } from './activity-proposal';

/** The activity-proposal read model's store (a port and its injection token). */
export abstract class ActivityProposalRepository {
  /**
   * The proposal's row, made empty if neither of its events was seen yet, and locked until the
   * transaction ends: a submitted and a decided applied at once take turns instead of both making it.
   */
  abstract lock(manager: EntityManager, proposalId: string): Promise<ActivityProposal>;

  abstract update(manager: EntityManager, proposal: ActivityProposal): Promise<void>;

  abstract find(proposalId: string): Promise<ActivityProposal | null>;
}
