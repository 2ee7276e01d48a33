import type { EntityManager } from 'typeorm';
import type { Weights } from './evaluation-weights';
import type { EvaluatedActivity, EvaluationStatus, RecordedEvaluation } from './evaluated-activity';

export interface OrganizationRating {
  organizationId: string;
  scoreHundredths: number;
  activities: number;
  updatedAt: Date;
}

/**
 * Weights, evaluated activities, their evaluations and the organizations' ratings (a port: the class
 * is also its injection token). Writes join the caller's transaction, where the outbox row goes too.
 */
export abstract class EvaluationRepository {
  abstract weightsOf(manager: EntityManager, communityCode: string): Promise<Weights | null>;

  abstract saveWeights(
    manager: EntityManager,
    communityCode: string,
    weights: Weights,
    updatedBy: string,
  ): Promise<void>;

  /** Adds a completed activity; false when it is already known (a duplicate completion has no effect). */
  abstract addActivity(manager: EntityManager, activity: EvaluatedActivity): Promise<boolean>;

  /** The activity, locked until the transaction ends when `forUpdate`: its evaluations take turns. */
  abstract activity(
    manager: EntityManager,
    activityId: string,
    options?: { forUpdate?: boolean },
  ): Promise<EvaluatedActivity | null>;

  /** Adds an evaluation; false when this evaluator has already evaluated the activity. */
  abstract addEvaluation(manager: EntityManager, evaluation: RecordedEvaluation): Promise<boolean>;

  abstract evaluationsOf(manager: EntityManager, activityId: string): Promise<RecordedEvaluation[]>;

  /**
   * Open activities whose window closed by `now`, locked and skipping those another transaction holds,
   * so two sweepers never take the same one.
   */
  abstract takeClosedWindows(manager: EntityManager, now: Date, limit: number): Promise<string[]>;

  /** Closes an open activity as scored (with its score) or unscored; false if it was no longer open. */
  abstract close(
    manager: EntityManager,
    activityId: string,
    outcome: { status: Exclude<EvaluationStatus, 'open'>; scoreHundredths: number | null; at: Date },
  ): Promise<boolean>;

  /** Holds the organization's rating against concurrent changes until the transaction ends. */
  abstract lockRating(manager: EntityManager, organizationId: string): Promise<void>;

  /** The scores of the organization's scored activities, in hundredths. */
  abstract scoredActivities(manager: EntityManager, organizationId: string): Promise<number[]>;

  abstract saveRating(manager: EntityManager, rating: OrganizationRating): Promise<void>;

  abstract rating(manager: EntityManager, organizationId: string): Promise<OrganizationRating | null>;
}
