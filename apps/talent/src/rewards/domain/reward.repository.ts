import type { EntityManager } from 'typeorm';
import type { RewardEntry, StoredRewardEntry } from './reward-entry';

/** The rewards ledger's port (its adapter: infrastructure/postgres-reward.repository.ts). */
export abstract class RewardRepository {
  /** Serializes writers of the worker's ledger until the transaction ends. */
  abstract lockWorker(manager: EntityManager, workerId: string): Promise<void>;
  /** Appends the entry unless its cause (or its recognition) is already there; whether it was appended. */
  abstract append(manager: EntityManager, entry: RewardEntry): Promise<boolean>;
  abstract balance(manager: EntityManager, workerId: string): Promise<number>;
  /** The recognitions the worker holds (codes; a yearly one as `<code>:<year>`). */
  abstract recognitionsOf(manager: EntityManager, workerId: string): Promise<Set<string>>;
  /** The worker's entries, oldest first. */
  abstract entriesOf(workerId: string): Promise<StoredRewardEntry[]>;
  /** The workers assigned to the activity and not released (the assignments feature's table). */
  abstract workersAssignedTo(manager: EntityManager, activityId: string): Promise<string[]>;
}
