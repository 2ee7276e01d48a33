import { type ActivityEvidence, dimensionsOf, isComplete, ratingOf, scoreActivity } from './activity-score';
import { DEFAULT_WEIGHTS } from './evaluation-weights';
import { rational, toFixed2, toHundredths } from './rational';

/** The plan's example activity: 36 came of 40 expected; residents 5,4,4,5,3; committee 4; peer 5. */
const evidence = (overrides: Partial<ActivityEvidence> = {}): ActivityEvidence => ({
  attendance: 36,
  expectedSize: 40,
  residents: [5, 4, 4, 5, 3],
  committee: { outcome: 4 },
  peers: [5],
  ...overrides,
});

const scored = (input: ActivityEvidence, weights = DEFAULT_WEIGHTS) => {
  const result = scoreActivity(dimensionsOf(input), weights);
  return result && toFixed2(result.score);
};

const defined = <T>(value: T | null | undefined): T => {
  if (value === null || value === undefined) throw new Error('expected a value');
  return value;
};

describe('dimensionsOf', () => {
  it('measures reach against the need, satisfaction as the residents’ mean', () => {
    const dimensions = dimensionsOf(evidence());
    expect(dimensions).toEqual({
      reach: rational(9, 2),
      satisfaction: rational(21, 5),
      outcome: rational(4),
      efficiency: rational(5),
    });
    expect(isComplete(dimensions)).toBe(true);
  });

  it('caps reach at 5 when more came than expected', () => {
    expect(dimensionsOf(evidence({ attendance: 90 })).reach).toEqual(rational(5));
  });

  it('takes the committee’s reach when no need sizes the activity, and ignores it when one does', () => {
    expect(dimensionsOf(evidence({ expectedSize: null, committee: { outcome: 4, reach: 2 } })).reach).toEqual(
      rational(2),
    );
    expect(dimensionsOf(evidence({ committee: { outcome: 4, reach: 2 } })).reach).toEqual(rational(9, 2));
    expect(dimensionsOf(evidence({ expectedSize: null })).reach).toBeUndefined();
  });

  it('is incomplete while a dimension is missing', () => {
    expect(isComplete(dimensionsOf(evidence({ committee: null })))).toBe(false);
    expect(isComplete(dimensionsOf(evidence({ residents: [] })))).toBe(false);
    expect(isComplete(dimensionsOf(evidence({ peers: [] })))).toBe(false);
  });
});

describe('scoreActivity (hand-computed examples)', () => {
  it('W 3/3/3/1, all four present: (13.5 + 12.6 + 12 + 5) / 10 = 4.31', () => {
    expect(scored(evidence())).toBe(4.31);
  });

  it('the same with peer 1: 39.1 / 10 = 3.91 — efficiency swings the score by at most 0.4', () => {
    expect(scored(evidence({ peers: [1] }))).toBe(3.91);
  });

  it('window closed, committee silent: (13.5 + 12.6 + 1·5) / 7 = 4.44 (4.442857…)', () => {
    const result = scoreActivity(dimensionsOf(evidence({ committee: null })), DEFAULT_WEIGHTS);
    expect(result?.score).toEqual(rational(311, 70));
    expect(toFixed2(defined(result).score)).toBe(4.44);
  });

  it('W 1/1/1/1 with only satisfaction 4.2 and efficiency 5: efficiency capped at 1/3 → 4.40, not 4.60', () => {
    const weights = { reach: 1, satisfaction: 1, outcome: 1, efficiency: 1 };
    const result = scoreActivity(dimensionsOf(evidence({ expectedSize: null, committee: null })), weights);
    expect(result?.weights).toEqual({ satisfaction: rational(1), efficiency: rational(1, 3) });
    expect(toFixed2(defined(result).score)).toBe(4.4);
  });

  it('efficiency alone never scores', () => {
    expect(
      scoreActivity(dimensionsOf(evidence({ expectedSize: null, residents: [], committee: null })), DEFAULT_WEIGHTS),
    ).toBeNull();
  });

  it('present dimensions that all weigh 0 do not score', () => {
    const weights = { reach: 0, satisfaction: 3, outcome: 3, efficiency: 0 };
    expect(scoreActivity({ reach: rational(5) }, weights)).toBeNull();
  });

  it('averages several peers’ efficiency', () => {
    expect(dimensionsOf(evidence({ peers: [5, 2] })).efficiency).toEqual(rational(7, 2));
  });
});

describe('ratingOf and rounding', () => {
  it('an organization with activities 4.31 and 3.91 is rated 4.11', () => {
    expect(toFixed2(defined(ratingOf([431, 391])))).toBe(4.11);
  });

  it('has no rating before an activity is scored', () => {
    expect(ratingOf([])).toBeNull();
  });

  it('rounds half up: 4.405 → 4.41, 4.404999… → 4.40', () => {
    expect(toHundredths(rational(881, 200))).toBe(441);
    expect(toHundredths(rational(4_404_999, 1_000_000))).toBe(440);
  });
});
