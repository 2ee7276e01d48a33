import { checkWeights, DEFAULT_WEIGHTS, type Weights } from './evaluation-weights';

const w = (reach: number, satisfaction: number, outcome: number, efficiency: number): Weights => ({
  reach,
  satisfaction,
  outcome,
  efficiency,
});

describe('checkWeights', () => {
  it.each([
    ['the default 3/3/3/1', DEFAULT_WEIGHTS],
    ['4/4/4/0 (efficiency not counted)', w(4, 4, 4, 0)],
    ['1/1/1/1 (efficiency exactly a quarter)', w(1, 1, 1, 1)],
    ['3/3/3/1', w(3, 3, 3, 1)],
    ['100/100/100/100', w(100, 100, 100, 100)],
  ])('accepts %s', (_, weights) => {
    expect(checkWeights(weights)).toEqual([]);
  });

  it('refuses 1/1/1/2, naming each dimension efficiency outweighs, and the quarter', () => {
    expect(checkWeights(w(1, 1, 1, 2))).toEqual([
      { rule: 'efficiency-exceeds-dimension', path: '/efficiency', message: '/efficiency 2 exceeds /reach 1' },
      {
        rule: 'efficiency-exceeds-dimension',
        path: '/efficiency',
        message: '/efficiency 2 exceeds /satisfaction 1',
      },
      { rule: 'efficiency-exceeds-dimension', path: '/efficiency', message: '/efficiency 2 exceeds /outcome 1' },
      {
        rule: 'efficiency-exceeds-quarter',
        path: '/efficiency',
        message: '/efficiency 2 exceeds a quarter of the total 5',
      },
    ]);
  });

  it('refuses 2/2/2/3', () => {
    const rules = checkWeights(w(2, 2, 2, 3)).map((problem) => problem.rule);
    expect(rules).toEqual([
      'efficiency-exceeds-dimension',
      'efficiency-exceeds-dimension',
      'efficiency-exceeds-dimension',
      'efficiency-exceeds-quarter',
    ]);
  });

  it('refuses 0/3/3/1: efficiency outweighs reach, though it is a seventh of the total', () => {
    expect(checkWeights(w(0, 3, 3, 1))).toEqual([
      { rule: 'efficiency-exceeds-dimension', path: '/efficiency', message: '/efficiency 1 exceeds /reach 0' },
    ]);
  });

  it('refuses weights that sum to 0', () => {
    expect(checkWeights(w(0, 0, 0, 0))).toEqual([
      { rule: 'weights-sum-zero', path: '', message: 'the weights sum to 0: at least one must count' },
    ]);
  });

  it('names a weight out of 0–100 or not an integer, and judges nothing else until they are', () => {
    expect(checkWeights(w(101, 3, -1, 1.5))).toEqual([
      { rule: 'weight-out-of-range', path: '/reach', message: '/reach must be 0 to 100, not 101' },
      { rule: 'weight-out-of-range', path: '/outcome', message: '/outcome must be 0 to 100, not -1' },
      { rule: 'weight-not-an-integer', path: '/efficiency', message: '/efficiency must be an integer, not 1.5' },
    ]);
  });

  it('over every vector 0–6: the quarter rule never refuses what the outweigh rule accepts, and each rule is exact', () => {
    let accepted = 0;
    for (let reach = 0; reach <= 6; reach++) {
      for (let satisfaction = 0; satisfaction <= 6; satisfaction++) {
        for (let outcome = 0; outcome <= 6; outcome++) {
          for (let efficiency = 0; efficiency <= 6; efficiency++) {
            const weights = w(reach, satisfaction, outcome, efficiency);
            const rules = new Set(checkWeights(weights).map((problem) => problem.rule));
            const total = reach + satisfaction + outcome + efficiency;
            const outweighs = efficiency > Math.min(reach, satisfaction, outcome);
            expect([weights, rules.has('efficiency-exceeds-dimension')]).toEqual([weights, outweighs]);
            expect([weights, rules.has('efficiency-exceeds-quarter')]).toEqual([weights, 4 * efficiency > total]);
            expect([weights, rules.has('weights-sum-zero')]).toEqual([weights, total === 0]);
            if (!outweighs) expect([weights, rules.has('efficiency-exceeds-quarter')]).toEqual([weights, false]);
            if (rules.size === 0) accepted++;
          }
        }
      }
    }
    // Σ over m = min(others) of (#triples with that min) × (m + 1 choices of efficiency), less 0/0/0/0.
    expect(accepted).toBe(countAcceptedByFormula(6));
  });
});

/** Vectors 0..max with efficiency ≤ min(others) and a positive sum, counted a second way. */
function countAcceptedByFormula(max: number): number {
  const atLeast = (m: number) => (max - m + 1) ** 3; // triples whose every weight is ≥ m
  let count = 0;
  for (let m = 0; m <= max; m++) count += (atLeast(m) - atLeast(m + 1)) * (m + 1);
  return count - 1;
}
