import { gapCleared, gapDetected, schemaProblems } from '@sanshe/contracts';
import type { GapFinding } from '../domain/funding-gaps';
import { gapEventData } from './gap-events';

const ORG = 'org-xinhua-elderly-care';
const AT = '2026-05-10T01:00:00.000Z';
const late: GapFinding = {
  ...{ kind: 'tranche-late', grantId: 'grant-a', trancheNo: 2, dueDate: '2026-04-01' },
  ...{ daysLate: 39, thresholdDays: 0 },
};
const short: GapFinding = { kind: 'runway-short', fundedUntil: '2026-07-01', daysLeft: 52, thresholdDays: 60 };

describe('gap events', () => {
  it('detected carries the finding that opened the episode', () => {
    expect(gapEventData(ORG, 'tranche-late', { change: 'detected', episode: 2, subject: late }, null, AT)).toEqual({
      ...{ organizationId: ORG, kind: 'tranche-late', grantId: 'grant-a', trancheNo: 2, dueDate: '2026-04-01' },
      ...{ daysLate: 39, thresholdDays: 0, episode: 2, detectedAt: AT },
    });
    expect(
      gapEventData(ORG, 'runway-short', { change: 'detected', episode: 1, subject: short }, '2026-07-01', AT),
    ).toEqual({
      ...{ organizationId: ORG, kind: 'runway-short', fundedUntil: '2026-07-01', thresholdDays: 60 },
      ...{ episode: 1, detectedAt: AT },
    });
  });

  it('cleared names the late tranche, or the runway as it now stands; no fundedUntil is left out', () => {
    expect(gapEventData(ORG, 'tranche-late', { change: 'cleared', episode: 1, subject: late }, null, AT)).toEqual({
      ...{ organizationId: ORG, kind: 'tranche-late', grantId: 'grant-a', trancheNo: 2, dueDate: '2026-04-01' },
      ...{ thresholdDays: 0, episode: 1, detectedAt: AT },
    });
    const cleared = gapEventData(
      ORG,
      'runway-short',
      { change: 'cleared', episode: 1, subject: short },
      '2026-12-31',
      AT,
    );
    expect(cleared).toMatchObject({ fundedUntil: '2026-12-31', thresholdDays: 60 });
    const none = { ...short, fundedUntil: null, daysLeft: null };
    expect(
      gapEventData(ORG, 'runway-short', { change: 'detected', episode: 1, subject: none }, null, AT),
    ).not.toHaveProperty('fundedUntil');
  });

  it('builds data the contract accepts', () => {
    for (const [definition, change] of [
      [gapDetected, 'detected'],
      [gapCleared, 'cleared'],
    ] as const) {
      for (const subject of [late, short]) {
        const data = gapEventData(ORG, subject.kind, { change, episode: 1, subject }, '2026-07-01', AT);
        expect(schemaProblems(definition.data, data)).toEqual([]);
      }
    }
  });
});
