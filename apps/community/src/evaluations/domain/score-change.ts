import { type DimensionScores, isComplete, scoreActivity } from './activity-score';
import type { EvaluationStatus } from './evaluated-activity';
import type { Weights } from './evaluation-weights';
import { toHundredths } from './rational';

/** Why an activity is being scored: an evaluation was accepted, or its window closed. */
export type ScoringMoment = 'evaluation-recorded' | 'window-closed';

/** What to store for an open activity, and whether its organization's rating is published again. */
export interface ScoreChange {
  status: EvaluationStatus;
  /** In hundredths, or null when nothing scorable is present. */
  scoreHundredths: number | null;
  /** Publish rating.updated: every provisional rescoring, and the close once (consumers learn the score is final). */
  publish: boolean;
}

/**
 * The window, not the fourth dimension, ends evaluation. While it is open, each accepted evaluation
 * rescores the activity once all four dimensions are present (a provisional score: more residents may
 * answer). At the close the score becomes final on what is present, efficiency capped; efficiency alone
 * (or nothing) leaves the activity unscored. Null: nothing to store yet.
 */
export function scoreChangeOf(
  dimensions: DimensionScores,
  weights: Weights,
  moment: ScoringMoment,
): ScoreChange | null {
  const result = scoreActivity(dimensions, weights);
  const scoreHundredths = result && toHundredths(result.score);
  if (moment === 'evaluation-recorded') {
    if (!isComplete(dimensions) || scoreHundredths === null) return null;
    return { status: 'open', scoreHundredths, publish: true };
  }
  if (scoreHundredths === null) return { status: 'unscored', scoreHundredths: null, publish: false };
  return { status: 'final', scoreHundredths, publish: true };
}
