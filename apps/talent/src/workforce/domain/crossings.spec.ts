import { afterJudgement, type Crossing, crossingEventId, type IndicatorState } from './crossings';
import { judge, type WorkforceFigures } from './indicators';

const ORG = 'org-xinhua-elderly-care';
const mix = (certified: number, communityStaff: number, interns: number): WorkforceFigures => ({
  ...{ certified, communityStaff, interns, volunteers: 0, left12Months: 0 },
  ...{ headcount12MonthsAgo: certified + communityStaff + interns, retainedInterns: 0 },
});

/** Evaluates the intern ratio after each change, as the workers' transactions do; returns the crossings raised. */
function walk(steps: WorkforceFigures[]): {
  crossings: (Pick<Crossing, 'kind' | 'crossing'> | null)[];
  last: IndicatorState | null;
} {
  let state: IndicatorState | null = null;
  const crossings = steps.map((figures, i) => {
    const judgement = judge(figures).find((j) => j.indicator === 'intern-ratio');
    if (!judgement) return null;
    const next = afterJudgement(ORG, state, judgement, `2026-11-0${i + 1}T00:00:00.000Z`);
    state = next.state;
    return next.crossing && { kind: next.crossing.kind, crossing: next.crossing.crossing };
  });
  return { crossings, last: state };
}

describe('workforce crossings (ok ↔ at-risk per organization and indicator)', () => {
  it('the worked example: 7/10 nothing; 8/11 detected once; 9/12 nothing; 6/9 cleared; crossing again → crossing 2', () => {
    const { crossings, last } = walk([
      mix(2, 1, 7), // 7/10 = 0.70: not above
      mix(2, 1, 8), // one more intern: 8/11 = 0.7272… → risk-detected (crossing 1)
      mix(2, 1, 9), // another intern: 9/12 = 0.75, still at risk → no second event
      mix(2, 1, 7), // two interns leave: 7/10 = 0.70 → risk-cleared (crossing 1)
      mix(2, 1, 6), // 6/9 = 0.666…: still ok
      mix(2, 1, 8), // 8/11 again → risk-detected (crossing 2)
    ]);
    expect(crossings).toEqual([
      null,
      { kind: 'risk-detected', crossing: 1 },
      null,
      { kind: 'risk-cleared', crossing: 1 },
      null,
      { kind: 'risk-detected', crossing: 2 },
    ]);
    expect(last).toMatchObject({ organizationId: ORG, status: 'at-risk', crossings: 2, lastValue: 0.7273 });
  });

  it('8/11 detected, 9/12 nothing, down to 6/9 = 0.666… cleared once', () => {
    const { crossings } = walk([mix(2, 1, 8), mix(2, 1, 9), mix(2, 1, 6)]);
    expect(crossings).toEqual([{ kind: 'risk-detected', crossing: 1 }, null, { kind: 'risk-cleared', crossing: 1 }]);
  });

  it('moves changedAt only with the status', () => {
    const first = afterJudgement(ORG, null, judge(mix(2, 1, 8))[0], '2026-11-01T00:00:00.000Z').state;
    const again = afterJudgement(ORG, first, judge(mix(2, 1, 9))[0], '2026-11-02T00:00:00.000Z').state;
    expect(again).toEqual({ ...first, lastValue: 0.75 });
  });

  it('names an event by type, organization, indicator and crossing', () => {
    expect(crossingEventId('sanshe.talent.workforce.risk-detected.v1', ORG, 'intern-ratio', 2)).toBe(
      'sanshe.talent.workforce.risk-detected.v1:org-xinhua-elderly-care:intern-ratio:2',
    );
  });
});
