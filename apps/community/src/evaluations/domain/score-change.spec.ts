import { dimensionsOf } from './activity-score';
import { DEFAULT_WEIGHTS } from './evaluation-weights';
import { scoreChangeOf } from './score-change';

// No need sizes these activities: reach is the committee's. Weights 3/3/3/1.
const committee = { outcome: 4, reach: 5 };
const dims = (residents: number[], withCommittee = true, peers = [5]) =>
  dimensionsOf({ attendance: 10, expectedSize: null, residents, committee: withCommittee ? committee : null, peers });

describe('scoreChangeOf while the window is open', () => {
  it('stores nothing until all four dimensions are present', () => {
    expect(scoreChangeOf(dims([5], false), DEFAULT_WEIGHTS, 'evaluation-recorded')).toBeNull();
    expect(scoreChangeOf(dims([], true), DEFAULT_WEIGHTS, 'evaluation-recorded')).toBeNull();
  });

  it('scores provisionally once they are, and rescores with every later resident', () => {
    // (3·5 + 3·5 + 3·4 + 1·5) / 10 = 4.70
    expect(scoreChangeOf(dims([5]), DEFAULT_WEIGHTS, 'evaluation-recorded')).toEqual({
      status: 'open',
      scoreHundredths: 470,
      publish: true,
    });
    // satisfaction 10/3: (15 + 10 + 12 + 5) / 10 = 4.20
    expect(scoreChangeOf(dims([5, 3, 2]), DEFAULT_WEIGHTS, 'evaluation-recorded')).toEqual({
      status: 'open',
      scoreHundredths: 420,
      publish: true,
    });
  });
});

describe('scoreChangeOf at the window’s close', () => {
  it('makes an unchanged provisional score final and publishes it once, as final', () => {
    expect(scoreChangeOf(dims([5, 3, 2]), DEFAULT_WEIGHTS, 'window-closed')).toEqual({
      status: 'final',
      scoreHundredths: 420,
      publish: true,
    });
  });

  it('scores what is present, efficiency capped, and publishes it (the committee silent: 31.1/7 → 4.44)', () => {
    const present = dimensionsOf({
      attendance: 36,
      expectedSize: 40,
      residents: [5, 4, 4, 5, 3],
      committee: null,
      peers: [5],
    });
    expect(scoreChangeOf(present, DEFAULT_WEIGHTS, 'window-closed')).toEqual({
      status: 'final',
      scoreHundredths: 444,
      publish: true,
    });
  });

  it('leaves efficiency alone unscored, and publishes nothing', () => {
    const alone = dimensionsOf({ attendance: 10, expectedSize: null, residents: [], committee: null, peers: [5] });
    expect(scoreChangeOf(alone, DEFAULT_WEIGHTS, 'window-closed')).toEqual({
      status: 'unscored',
      scoreHundredths: null,
      publish: false,
    });
  });
});
