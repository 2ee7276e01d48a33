import { EVALUATION_DIMENSIONS, type EvaluationDimension } from '@sanshe/contracts/pure';

/**
 * How much each dimension of an activity's evaluation counts. Providers used to be judged on efficiency
 * alone, so efficiency may never outweigh another dimension, nor exceed a quarter of the total.
 */
export const DIMENSIONS = EVALUATION_DIMENSIONS;
export type Dimension = EvaluationDimension;
/** The dimensions efficiency must never outweigh. */
export const OTHER_DIMENSIONS = ['reach', 'satisfaction', 'outcome'] as const;

/** Integer weights 0–100 per dimension. */
export type Weights = Record<Dimension, number>;

/** A community that has set nothing: efficiency is a tenth of the whole. */
export const DEFAULT_WEIGHTS: Readonly<Weights> = Object.freeze({
  reach: 3,
  satisfaction: 3,
  outcome: 3,
  efficiency: 1,
});

export const MAX_WEIGHT = 100;

export type WeightRule =
  | 'weight-not-an-integer'
  | 'weight-out-of-range'
  | 'weights-sum-zero'
  | 'efficiency-exceeds-dimension'
  | 'efficiency-exceeds-quarter';

/** One broken rule, naming the field (a JSON pointer into the weights). */
export interface WeightProblem {
  rule: WeightRule;
  path: string;
  message: string;
}

/** Every rule the weights break; empty when they are valid. */
export function checkWeights(weights: Weights): WeightProblem[] {
  const ranged = DIMENSIONS.flatMap((dimension) => rangeProblems(dimension, weights[dimension]));
  if (ranged.length > 0) return ranged;

  const problems: WeightProblem[] = [];
  const total = DIMENSIONS.reduce((sum, dimension) => sum + weights[dimension], 0);
  if (total === 0) {
    problems.push({ rule: 'weights-sum-zero', path: '', message: 'the weights sum to 0: at least one must count' });
  }
  for (const other of OTHER_DIMENSIONS) {
    if (weights.efficiency > weights[other]) {
      problems.push({
        rule: 'efficiency-exceeds-dimension',
        path: '/efficiency',
        message: `/efficiency ${weights.efficiency} exceeds /${other} ${weights[other]}`,
      });
    }
  }
  // Implied by the rule above (total ≥ 3·min(others) + eff ≥ 4·eff), kept as its own message and check.
  if (4 * weights.efficiency > total) {
    problems.push({
      rule: 'efficiency-exceeds-quarter',
      path: '/efficiency',
      message: `/efficiency ${weights.efficiency} exceeds a quarter of the total ${total}`,
    });
  }
  return problems;
}

function rangeProblems(dimension: Dimension, weight: number): WeightProblem[] {
  const path = `/${dimension}`;
  if (!Number.isInteger(weight)) {
    return [{ rule: 'weight-not-an-integer', path, message: `${path} must be an integer, not ${weight}` }];
  }
  if (weight < 0 || weight > MAX_WEIGHT) {
    return [{ rule: 'weight-out-of-range', path, message: `${path} must be 0 to ${MAX_WEIGHT}, not ${weight}` }];
  }
  return [];
}
