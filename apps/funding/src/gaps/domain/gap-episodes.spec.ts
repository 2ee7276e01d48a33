import { afterFinding, gapEventId, type GapState } from './gap-episodes';
import type { GapFinding } from './funding-gaps';

const ORG = 'org-xinhua-elderly-care';
const late = (daysLate: number): GapFinding => ({
  ...{ kind: 'tranche-late', grantId: 'grant-a', trancheNo: 2, dueDate: '2026-04-01' },
  ...{ daysLate, thresholdDays: 0 },
});

/** Judges the findings one after the other, as the sweeper's passes do; returns the transitions made. */
function walk(findings: (GapFinding | null)[]) {
  let state: GapState | null = null;
  const transitions = findings.map((finding, i) => {
    const next = afterFinding(ORG, 'tranche-late', state, finding, `2026-05-${10 + i}T00:00:00.000Z`);
    state = next.state;
    return next.transition && `${next.transition.change}:${next.transition.episode}`;
  });
  return { transitions, last: state as GapState | null };
}

describe('gap episodes (ok ↔ gap per organization and kind)', () => {
  it('ok → gap detects episode 1; gap → gap says nothing; gap → ok clears it; again → episode 2', () => {
    const { transitions, last } = walk([null, late(1), late(2), late(3), null, null, late(1)]);
    expect(transitions).toEqual([null, 'detected:1', null, null, 'cleared:1', null, 'detected:2']);
    expect(last).toMatchObject({ organizationId: ORG, kind: 'tranche-late', status: 'gap', episode: 2 });
  });

  it('keeps the finding the episode opened on, and clears with it', () => {
    const opened = afterFinding(ORG, 'tranche-late', null, late(1), '2026-05-11T00:00:00.000Z');
    expect(opened.state).toEqual({
      ...{ organizationId: ORG, kind: 'tranche-late', status: 'gap', episode: 1, subject: late(1) },
      changedAt: '2026-05-11T00:00:00.000Z',
    });
    const later = afterFinding(ORG, 'tranche-late', opened.state, late(9), '2026-05-19T00:00:00.000Z');
    expect(later).toEqual({ state: opened.state, transition: null }); // nothing to write
    const cleared = afterFinding(ORG, 'tranche-late', later.state, null, '2026-05-20T00:00:00.000Z');
    expect(cleared.transition).toEqual({ change: 'cleared', episode: 1, subject: late(1) });
    expect(cleared.state).toMatchObject({ status: 'ok', episode: 1, changedAt: '2026-05-20T00:00:00.000Z' });
  });

  it('an organization never in a gap stays at episode 0 and says nothing', () => {
    expect(afterFinding(ORG, 'runway-short', null, null, '2026-05-10T00:00:00.000Z')).toEqual({
      state: expect.objectContaining({ status: 'ok', episode: 0, subject: null }),
      transition: null,
    });
  });

  it('names an event by type, organization, kind and episode', () => {
    expect(gapEventId('sanshe.funding.gap.detected.v1', ORG, 'runway-short', 2)).toBe(
      'sanshe.funding.gap.detected.v1:org-xinhua-elderly-care:runway-short:2',
    );
  });
});
