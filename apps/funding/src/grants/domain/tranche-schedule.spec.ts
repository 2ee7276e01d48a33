import { addDays, shanghaiDay } from '../../calendar/shanghai-calendar';
import { splitByPercents, trancheSchedule } from './tranche-schedule';

const plan = [
  { trancheNo: 1, percent: 30, milestone: '项目启动', dueAfterDays: 0 },
  { trancheNo: 2, percent: 40, milestone: '中期评估', dueAfterDays: 90 },
  { trancheNo: 3, percent: 30, milestone: '结项验收', dueAfterDays: 180 },
];

describe('splitByPercents (largest remainder, whole fen)', () => {
  it('splits 4 800 000 at 30/40/30 exactly: 1 440 000 / 1 920 000 / 1 440 000', () => {
    expect(splitByPercents(4_800_000, [30, 40, 30])).toEqual([1_440_000, 1_920_000, 1_440_000]);
  });

  it('gives the fen left over to the largest remainder: 1 000 001 at 33/33/34 → 330 000 / 330 000 / 340 001', () => {
    // 1 000 001 × 33 = 33 000 033 → 330 000 rest 33 (twice); × 34 = 34 000 034 → 340 000 rest 34; 1 fen left → the 34
    expect(splitByPercents(1_000_001, [33, 33, 34])).toEqual([330_000, 330_000, 340_001]);
  });

  it('1 fen at 30/40/30 goes to the 40 (remainders 30, 40, 30); 2 fen at 33/33/34 to the 34 and then the first 33', () => {
    expect(splitByPercents(1, [30, 40, 30])).toEqual([0, 1, 0]);
    expect(splitByPercents(2, [33, 33, 34])).toEqual([1, 0, 1]);
  });

  it('a tie of remainders goes to the earlier tranche: 1 fen at 50/50 → 1 / 0; 101 at 50/50 → 51 / 50', () => {
    expect(splitByPercents(1, [50, 50])).toEqual([1, 0]);
    expect(splitByPercents(101, [50, 50])).toEqual([51, 50]);
  });

  it('sums exactly for amounts near the safe-integer limit (no floating point)', () => {
    const amount = Number.MAX_SAFE_INTEGER; // 9 007 199 254 740 991
    const shares = splitByPercents(amount, [33, 33, 34]);
    expect(shares).toEqual([2_972_375_754_064_527, 2_972_375_754_064_527, 3_062_447_746_611_937]);
    expect(shares.reduce((sum, share) => sum + share, 0)).toBe(amount);
  });

  it('refuses fractions of a fen, negative amounts and percents not summing to 100', () => {
    expect(() => splitByPercents(10.5, [100])).toThrow(RangeError);
    expect(() => splitByPercents(-1, [100])).toThrow(RangeError);
    expect(() => splitByPercents(100, [30, 30])).toThrow(/do not sum to 100/);
    expect(() => splitByPercents(100, [50.5, 49.5])).toThrow(RangeError);
  });
});

describe('due dates (Asia/Shanghai)', () => {
  it('counts from the activation day in Shanghai: 2026-11-27T17:00Z is already 2026-11-28 there', () => {
    expect(shanghaiDay(new Date('2026-11-27T15:59:59.999Z'))).toBe('2026-11-27');
    expect(shanghaiDay(new Date('2026-11-27T16:00:00.000Z'))).toBe('2026-11-28');
    const tranches = trancheSchedule(4_800_000, plan, new Date('2026-11-27T17:00:00.000Z'));
    expect(tranches).toEqual([
      { trancheNo: 1, amountFen: 1_440_000, milestone: '项目启动', dueDate: '2026-11-28' },
      { trancheNo: 2, amountFen: 1_920_000, milestone: '中期评估', dueDate: '2027-02-26' },
      { trancheNo: 3, amountFen: 1_440_000, milestone: '结项验收', dueDate: '2027-05-27' },
    ]);
  });

  it('adds calendar days across months, years and leap days', () => {
    expect(addDays('2027-12-31', 1)).toBe('2028-01-01');
    expect(addDays('2028-02-28', 1)).toBe('2028-02-29');
    expect(addDays('2027-02-28', 1)).toBe('2027-03-01');
    expect(addDays('2026-11-28', 0)).toBe('2026-11-28');
  });

  it('orders the plan by trancheNo whatever order it is stored in', () => {
    const reversed = [...plan].reverse();
    expect(trancheSchedule(1_000_001, reversed, new Date('2026-03-01T00:00:00Z')).map((t) => t.trancheNo)).toEqual([
      1, 2, 3,
    ]);
  });
});
