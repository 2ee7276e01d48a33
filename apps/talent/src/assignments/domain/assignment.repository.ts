import type { EntityManager } from 'typeorm';
import type { ProposalRevision } from '../../votes/domain/talent-vote';
import type { Assignment, TalentActivity } from './assignment';

/** The exclusion constraint refused the insert: the worker is already assigned in that time. */
export class DoubleBooked extends Error {}

/** Activities as scheduled and their assignments; writes in the caller's transaction. */
export abstract class AssignmentRepository {
  /** Keeps a scheduled activity; one already kept (a redelivery) is left as it is. */
  abstract saveActivity(manager: EntityManager, activity: TalentActivity): Promise<void>;
  /**
   * The activity; locked for the rest of the transaction when asked: assignments share the lock (they
   * do not wait for each other: the exclusion constraint judges them), a cancellation takes it alone.
   */
  abstract activity(
    activityId: string,
    locked?: { manager: EntityManager; mode: 'share' | 'update' },
  ): Promise<TalentActivity | null>;
  /** Marks it cancelled; false when it was unknown or already cancelled. */
  abstract cancel(manager: EntityManager, activityId: string): Promise<boolean>;
  /** Inserts an active assignment; throws DoubleBooked when the worker's time overlaps another. */
  abstract insert(manager: EntityManager, assignment: Assignment, assignedBy: string): Promise<void>;
  /** The worker's active assignment overlapping [startsAt, endsAt), if any. */
  abstract overlapping(workerId: string, startsAt: string, endsAt: string): Promise<string | null>;
  abstract find(manager: EntityManager, activityId: string, assignmentId: string): Promise<Assignment | null>;
  /** Releases the assignment; false when it was not active (nothing written). */
  abstract release(manager: EntityManager, assignmentId: string): Promise<boolean>;
  abstract listOf(activityId: string, manager?: EntityManager): Promise<Assignment[]>;
  /** The proposal's revisions as the votes feature kept them (the staffing rules' category and size). */
  abstract proposalRevisions(proposalId: string): Promise<ProposalRevision[]>;
}
