import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { OutboxWriter } from '@sanshe/messaging';
import { dimensionsOf, type DimensionScores, ratingOf } from '../domain/activity-score';
import { type EvaluatedActivity, evidenceOf } from '../domain/evaluated-activity';
import { EvaluationRepository } from '../domain/evaluation.repository';
import { type Rational, toFixed2, toHundredths } from '../domain/rational';
import { type ScoreChange, scoreChangeOf, type ScoringMoment } from '../domain/score-change';

export type { ScoringMoment } from '../domain/score-change';

/** Each present dimension rounded to 2 decimals, as the rating event and the read side show them. */
export const roundedDimensions = (dimensions: DimensionScores): Record<string, number> =>
  Object.fromEntries(Object.entries(dimensions).map(([dimension, value]) => [dimension, toFixed2(value as Rational)]));

/**
 * Scores an activity the caller holds locked, inside the caller's transaction (see domain/score-change.ts
 * for when): the score is stored, the organization's rating recomputed from its activities' current
 * scores, and rating.updated published under the organization's next revision. The lock matters: the
 * evaluations read here include every one committed before it, so no concurrent evaluation is lost.
 */
@Injectable()
export class ScoreActivityHandler {
  constructor(
    private readonly evaluations: EvaluationRepository,
    private readonly outbox: OutboxWriter,
  ) {}

  /** Returns what was stored, or null when nothing was (not scorable yet, or no longer open). */
  async execute(
    manager: EntityManager,
    activity: EvaluatedActivity,
    moment: ScoringMoment,
    now: Date,
  ): Promise<ScoreChange | null> {
    const dimensions = dimensionsOf(
      evidenceOf(activity, await this.evaluations.evaluationsOf(manager, activity.activityId)),
    );
    const change = scoreChangeOf(dimensions, activity.weights, moment);
    if (!change) return null;
    const stored = await this.evaluations.saveScore(manager, activity.activityId, { ...change, at: now });
    if (!stored) return null;
    if (change.publish && change.scoreHundredths !== null) {
      await this.updateRating(
        manager,
        activity,
        { ...change, scoreHundredths: change.scoreHundredths },
        dimensions,
        now,
      );
    }
    return change;
  }

  private async updateRating(
    manager: EntityManager,
    activity: EvaluatedActivity,
    change: ScoreChange & { scoreHundredths: number },
    dimensions: DimensionScores,
    now: Date,
  ): Promise<void> {
    const { organizationId } = activity;
    // After the activity's score is stored, so the mean includes it; the lock makes concurrent
    // scorings of one organization's activities take turns, each seeing the others' committed scores.
    await this.evaluations.lockRating(manager, organizationId);
    const scores = await this.evaluations.scoredActivities(manager, organizationId);
    const rating = ratingOf(scores);
    if (!rating) throw new Error(`activity ${activity.activityId} was scored, yet ${organizationId} has no scores`);
    const ratingHundredths = toHundredths(rating);
    const revision = await this.evaluations.saveRating(manager, {
      organizationId,
      scoreHundredths: ratingHundredths,
      activities: scores.length,
      updatedAt: now,
    });
    await this.outbox.publish(manager, {
      type: 'sanshe.community.rating.updated.v1',
      id: `sanshe.community.rating.updated.v1:${organizationId}:${revision}`,
      subject: organizationId,
      data: {
        organizationId,
        score: ratingHundredths / 100,
        activitiesEvaluated: scores.length,
        revision,
        activity: {
          activityId: activity.activityId,
          communityCode: activity.communityCode,
          score: change.scoreHundredths / 100,
          provisional: change.status === 'open',
          dimensions: roundedDimensions(dimensions),
          weights: activity.weights,
        },
      },
    });
  }
}
