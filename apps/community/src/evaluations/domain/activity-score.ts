import { DIMENSIONS, type Dimension, OTHER_DIMENSIONS, type Weights } from './evaluation-weights';
import { add, div, mean, min, mul, rational, type Rational, sum } from './rational';

/** The top of every scale: scores are 1–5, and full reach is 5. */
export const TOP_SCORE = 5;

/** What has been learned about one completed activity; every score is an integer 1–5. */
export interface ActivityEvidence {
  attendance: number;
  /** The need's expected size, when the activity answers a known need (pinned at completion). */
  expectedSize: number | null;
  /** Satisfaction, one per resident. */
  residents: readonly number[];
  /** The committee's evaluation, once given: outcome against the need, reach when no need sizes it. */
  committee: { outcome: number; reach?: number } | null;
  /** Efficiency, one per peer organization. */
  peers: readonly number[];
}

export type DimensionScores = Partial<Record<Dimension, Rational>>;

/**
 * Each dimension present so far. Reach is measured (5 × attendance / expected size, at most 5) when a
 * need sizes the activity, else it is the committee's judgement; satisfaction and efficiency are means.
 */
export function dimensionsOf(evidence: ActivityEvidence): DimensionScores {
  const { attendance, expectedSize, residents, committee, peers } = evidence;
  const dimensions: DimensionScores = {};
  if (expectedSize !== null) {
    dimensions.reach = mul(rational(TOP_SCORE), min(rational(1), rational(attendance, expectedSize)));
  } else if (committee?.reach !== undefined) {
    dimensions.reach = rational(committee.reach);
  }
  if (residents.length > 0) dimensions.satisfaction = mean(residents.map((score) => rational(score)));
  if (committee) dimensions.outcome = rational(committee.outcome);
  if (peers.length > 0) dimensions.efficiency = mean(peers.map((score) => rational(score)));
  return dimensions;
}

/** All four dimensions are in: the activity has a (provisional) score before its window closes. */
export const isComplete = (dimensions: DimensionScores): boolean =>
  DIMENSIONS.every((dimension) => dimensions[dimension] !== undefined);

export interface ActivityScore {
  score: Rational;
  /** The weight each present dimension counted with (efficiency's possibly capped). */
  weights: DimensionScores;
}

/**
 * Σ w·s / Σ w over the present dimensions, or null when nothing but efficiency (or only weight 0) is there.
 * Efficiency's weight is capped at min(its weight, each present other weight, a third of theirs summed), so
 * a missing dimension never lets it outweigh the others or exceed a quarter; with all four present and
 * valid weights the cap changes nothing.
 */
export function scoreActivity(dimensions: DimensionScores, weights: Weights): ActivityScore | null {
  const others = OTHER_DIMENSIONS.filter((dimension) => dimensions[dimension] !== undefined);
  if (others.length === 0) return null;

  const counted: DimensionScores = {};
  for (const dimension of others) counted[dimension] = rational(weights[dimension]);
  if (dimensions.efficiency !== undefined) {
    const otherWeights = others.map((dimension) => rational(weights[dimension]));
    counted.efficiency = min(rational(weights.efficiency), ...otherWeights, div(sum(otherWeights), rational(3)));
  }

  const present = Object.keys(counted) as Dimension[];
  const totalWeight = sum(present.map((dimension) => counted[dimension] as Rational));
  if (totalWeight.num === 0n) return null;
  const weighted = present.reduce(
    (total, dimension) => add(total, mul(counted[dimension] as Rational, dimensions[dimension] as Rational)),
    rational(0),
  );
  return { score: div(weighted, totalWeight), weights: counted };
}

/** An organization's rating: the mean of its activities' current scores, each already rounded as published. */
export function ratingOf(activityScoresInHundredths: readonly number[]): Rational | null {
  if (activityScoresInHundredths.length === 0) return null;
  return mean(activityScoresInHundredths.map((hundredths) => rational(hundredths, 100)));
}
