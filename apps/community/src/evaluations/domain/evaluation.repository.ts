import type { EntityManager } from 'typeorm';
import type { Weights } from './evaluation-weights';
import type { EvaluatedActivity, EvaluationStatus, RecordedEvaluation } from './evaluated-activity';

export interface OrganizationRating {
  organizationId: string;
  scoreHundredths: number;
  activities: number;
  /** 1, 2, …: one per rating.updated published for the organization (its event id carries it). */
  revision: number;
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

  /**
   * Stores an open activity's score: provisional (status stays 'open'), or final / unscored at the
   * window's close; false if it was no longer open.
   */
  abstract saveScore(
    manager: EntityManager,
    activityId: string,
    score: { status: EvaluationStatus; scoreHundredths: number | null; at: Date },
  ): Promise<boolean>;

  /** Holds the organization's rating against concurrent changes until the transaction ends. */
  abstract lockRating(manager: EntityManager, organizationId: string): Promise<void>;

  /** The current scores (provisional or final) of the organization's activities, in hundredths. */
  abstract scoredActivities(manager: EntityManager, organizationId: string): Promise<number[]>;

  /** Stores the rating under the organization's next revision, and returns that revision. */
  abstract saveRating(manager: EntityManager, rating: Omit<OrganizationRating, 'revision'>): Promise<number>;

  abstract rating(manager: EntityManager, organizationId: string): Promise<OrganizationRating | null>;
}
