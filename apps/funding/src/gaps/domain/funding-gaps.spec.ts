import { fundedUntilOf, gapsOf, lateTrancheOf, type SecuredTranche, shortRunwayOf } from './funding-gaps';

const tranche = (grantId: string, trancheNo: number, dueDate: string, paid = false, grantActive = true) =>
  ({ grantId, trancheNo, dueDate, paid, grantActive }) satisfies SecuredTranche;

// A 30/40/30 grant activated 2026-01-01 with tranches due after 0, 90 and 181 days.
const plan = (paidUpTo: number) => [
  tranche('grant-a', 1, '2026-01-01', paidUpTo >= 1),
  tranche('grant-a', 2, '2026-04-01', paidUpTo >= 2),
  tranche('grant-a', 3, '2026-07-01', paidUpTo >= 3),
];

describe('funding gaps of an organization (tranche-late, runway-short)', () => {
  it('fundedUntil is the latest due date of every tranche, paid or not; null with none', () => {
    expect(fundedUntilOf(plan(0))).toBe('2026-07-01');
    expect(fundedUntilOf(plan(3))).toBe('2026-07-01'); // a tranche paid early does not shorten the schedule
    expect(fundedUntilOf([...plan(1), tranche('grant-b', 1, '2026-12-31', false)])).toBe('2026-12-31');
    expect(fundedUntilOf([])).toBeNull();
  });

  it('a tranche is late from the day after its due date: due 2026-04-01, unpaid on 2026-05-10 → 39 days late', () => {
    expect(lateTrancheOf(plan(1), '2026-04-01')).toBeNull(); // due today: not late yet
    expect(lateTrancheOf(plan(1), '2026-04-02')).toMatchObject({ trancheNo: 2, daysLate: 1 });
    expect(lateTrancheOf(plan(1), '2026-05-10')).toEqual({
      ...{ kind: 'tranche-late', grantId: 'grant-a', trancheNo: 2, dueDate: '2026-04-01' },
      ...{ daysLate: 39, thresholdDays: 0 }, // 30 days of April + 9 of May
    });
    expect(lateTrancheOf(plan(2), '2026-05-10')).toBeNull(); // paid: not late
  });

  it('names the most overdue tranche; a completed grant’s tranches are never late', () => {
    const tranches = [
      ...plan(1),
      tranche('grant-0', 2, '2026-03-15'),
      tranche('grant-z', 1, '2026-01-10', false, false),
    ];
    expect(lateTrancheOf(tranches, '2026-05-10')).toMatchObject({ grantId: 'grant-0', trancheNo: 2, daysLate: 56 });
  });

  it('runway is short when fundedUntil − today < warnDays: 2026-07-01 is 52 days after 2026-05-10', () => {
    expect(shortRunwayOf(plan(2), '2026-05-10', 60)).toEqual({
      ...{ kind: 'runway-short', fundedUntil: '2026-07-01', daysLeft: 52, thresholdDays: 60 },
    });
    expect(shortRunwayOf(plan(2), '2026-05-10', 52)).toBeNull(); // 52 is not < 52
    expect(shortRunwayOf(plan(2), '2026-05-10', 53)).toMatchObject({ daysLeft: 52 });
  });

  it('60 days left (2026-05-02 → 2026-07-01) with warnDays 60 is not short; 59 is', () => {
    expect(shortRunwayOf(plan(2), '2026-05-02', 60)).toBeNull();
    expect(shortRunwayOf(plan(2), '2026-05-03', 60)).toMatchObject({ daysLeft: 59 });
  });

  it('a further grant extends the runway; no grant at all is short with no fundedUntil', () => {
    const renewed = [...plan(2), tranche('grant-b', 1, '2026-06-15'), tranche('grant-b', 2, '2026-12-31')];
    expect(shortRunwayOf(renewed, '2026-05-10', 60)).toBeNull();
    expect(shortRunwayOf([], '2026-05-10', 60)).toEqual({
      ...{ kind: 'runway-short', fundedUntil: null, daysLeft: null, thresholdDays: 60 },
    });
    expect(shortRunwayOf(plan(3), '2026-08-01', 60)).toMatchObject({ fundedUntil: '2026-07-01', daysLeft: -31 });
  });

  it('judges both kinds at once', () => {
    expect(gapsOf(plan(1), '2026-05-10', 60)).toEqual({
      'tranche-late': expect.objectContaining({ trancheNo: 2, daysLate: 39 }),
      'runway-short': expect.objectContaining({ daysLeft: 52 }),
    });
    expect(gapsOf(plan(1), '2026-02-01', 60)).toEqual({ 'tranche-late': null, 'runway-short': null });
  });
});
