import { fundingViewOf, nextTrancheOf, totalsByCurrency } from './funding-view';
import type { ScheduledTranche } from './gap.repository';

const t = (grantId: string, trancheNo: number, amountFen: number, dueDate: string, paid: boolean, grantActive = true) =>
  ({
    ...{ grantId, programId: 'prog-a', trancheNo, amountFen, currency: 'CNY', milestone: `里程碑${trancheNo}` },
    ...{ dueDate, paid, grantActive },
  }) satisfies ScheduledTranche;

// grant-a 4 800 000 (30/40/30) with tranche 1 paid; grant-z 1 000 000 completed (all paid).
const TRANCHES = [
  t('grant-a', 1, 1_440_000, '2026-01-01', true),
  t('grant-a', 2, 1_920_000, '2026-04-01', false),
  t('grant-a', 3, 1_440_000, '2026-07-01', false),
  t('grant-z', 1, 1_000_000, '2025-12-01', true, false),
];

describe("an organization's funding view", () => {
  it('secured = every tranche of its active and completed grants; received = the paid ones; clawbacks apart', () => {
    const view = fundingViewOf(
      'org-x',
      {
        tranches: TRANCHES,
        clawbacks: [{ currency: 'CNY', amountFen: 200_000 }],
        states: [
          {
            ...{ organizationId: 'org-x', kind: 'tranche-late', status: 'gap', episode: 1 },
            subject: {
              kind: 'tranche-late',
              grantId: 'grant-a',
              trancheNo: 2,
              dueDate: '2026-04-01',
              daysLate: 9,
              thresholdDays: 0,
            },
            changedAt: '2026-04-10T01:00:00.000Z',
          },
          {
            ...{ organizationId: 'org-x', kind: 'runway-short', status: 'ok', episode: 1, subject: null },
            changedAt: '2026-03-01T01:00:00.000Z',
          },
        ],
      },
      '2026-05-10',
      60,
    );
    expect(view).toEqual({
      organizationId: 'org-x',
      today: '2026-05-10',
      secured: [{ currency: 'CNY', amountFen: 5_800_000 }], // 4 800 000 + 1 000 000
      received: [{ currency: 'CNY', amountFen: 2_440_000 }], // 1 440 000 + 1 000 000
      clawedBack: [{ currency: 'CNY', amountFen: 200_000 }],
      nextTranche: {
        ...{ grantId: 'grant-a', programId: 'prog-a', trancheNo: 2, amount: { amountFen: 1_920_000, currency: 'CNY' } },
        ...{ milestone: '里程碑2', dueDate: '2026-04-01', daysUntilDue: -39 },
      },
      fundedUntil: '2026-07-01',
      daysLeft: 52,
      warnDays: 60,
      gaps: [
        {
          ...{ kind: 'tranche-late', episode: 1, since: '2026-04-10T01:00:00.000Z' },
          detectedOn: {
            kind: 'tranche-late',
            grantId: 'grant-a',
            trancheNo: 2,
            dueDate: '2026-04-01',
            daysLate: 9,
            thresholdDays: 0,
          },
        },
      ],
    });
  });

  it('has no next tranche when every tranche is paid, and no runway with no grant', () => {
    expect(
      nextTrancheOf(
        TRANCHES.filter((x) => x.paid),
        '2026-05-10',
      ),
    ).toBeNull();
    const empty = fundingViewOf('org-y', { tranches: [], clawbacks: [], states: [] }, '2026-05-10', 60);
    expect(empty).toMatchObject({
      secured: [],
      received: [],
      nextTranche: null,
      fundedUntil: null,
      daysLeft: null,
      gaps: [],
    });
  });

  it('totals each currency apart, exactly', () => {
    expect(
      totalsByCurrency([
        { currency: 'HKD', amountFen: 5 },
        { currency: 'CNY', amountFen: Number.MAX_SAFE_INTEGER },
        { currency: 'CNY', amountFen: 1 },
      ]),
    ).toEqual([
      { currency: 'CNY', amountFen: '9007199254740992' },
      { currency: 'HKD', amountFen: 5 },
    ]);
  });
});
