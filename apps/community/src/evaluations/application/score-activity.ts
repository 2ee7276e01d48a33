import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { OutboxWriter } from '@sanshe/messaging';
import { dimensionsOf, type DimensionScores, isComplete, ratingOf, scoreActivity } from '../domain/activity-score';
import { type EvaluatedActivity, evidenceOf } from '../domain/evaluated-activity';
import { EvaluationRepository } from '../domain/evaluation.repository';
import { type Rational, toFixed2, toHundredths } from '../domain/rational';

/** Why an activity is being scored: its fourth dimension arrived, or its window closed. */
export type ScoringMoment = 'evaluation-recorded' | 'window-closed';

/** Each present dimension rounded to 2 decimals, as the rating event and the read side show them. */
export const roundedDimensions = (dimensions: DimensionScores): Record<string, number> =>
  Object.fromEntries(Object.entries(dimensions).map(([dimension, value]) => [dimension, toFixed2(value as Rational)]));

/**
 * Scores an activity the caller holds locked, inside the caller's transaction: after an evaluation only
 * once all four dimensions are in, at window close with what is present (efficiency alone never scores:
 * the activity closes unscored). A scored activity updates its organization's rating, published once
 * as rating.updated (event id per activity).
 */
@Injectable()
export class ScoreActivityHandler {
  constructor(
    private readonly evaluations: EvaluationRepository,
    private readonly outbox: OutboxWriter,
  ) {}

  /** Returns whether the activity was closed (scored or unscored) by this call. */
  async execute(manager: EntityManager, activity: EvaluatedActivity, moment: ScoringMoment, now: Date) {
    const dimensions = dimensionsOf(
      evidenceOf(activity, await this.evaluations.evaluationsOf(manager, activity.activityId)),
    );
    if (moment === 'evaluation-recorded' && !isComplete(dimensions)) return false;

    const result = scoreActivity(dimensions, activity.weights);
    const scoreHundredths = result && toHundredths(result.score);
    const closed = await this.evaluations.close(manager, activity.activityId, {
      status: scoreHundredths === null ? 'unscored' : 'scored',
      scoreHundredths,
      at: now,
    });
    if (!closed || scoreHundredths === null) return closed;

    await this.updateRating(manager, activity, scoreHundredths, dimensions, now);
    return true;
  }

  private async updateRating(
    manager: EntityManager,
    activity: EvaluatedActivity,
    scoreHundredths: number,
    dimensions: DimensionScores,
    now: Date,
  ): Promise<void> {
    const { organizationId } = activity;
    await this.evaluations.lockRating(manager, organizationId);
    const scores = await this.evaluations.scoredActivities(manager, organizationId);
    const rating = ratingOf(scores);
    if (!rating) throw new Error(`activity ${activity.activityId} was scored, yet ${organizationId} has no scores`);
    const ratingHundredths = toHundredths(rating);
    await this.evaluations.saveRating(manager, {
      organizationId,
      scoreHundredths: ratingHundredths,
      activities: scores.length,
      updatedAt: now,
    });
    await this.outbox.publish(manager, {
      type: 'sanshe.community.rating.updated.v1',
      id: `sanshe.community.rating.updated.v1:${activity.activityId}`,
      subject: organizationId,
      data: {
        organizationId,
        score: ratingHundredths / 100,
        activitiesEvaluated: scores.length,
        activity: {
          activityId: activity.activityId,
          communityCode: activity.communityCode,
          score: scoreHundredths / 100,
          dimensions: roundedDimensions(dimensions),
          weights: activity.weights,
        },
      },
    });
  }
}
