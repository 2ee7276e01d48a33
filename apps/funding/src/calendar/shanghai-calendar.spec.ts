import { daysFrom, shanghaiDay } from './shanghai-calendar';

describe('calendar days in Asia/Shanghai', () => {
  it('turns the day at 16:00 UTC (midnight in Shanghai, UTC+8)', () => {
    expect(shanghaiDay(new Date('2026-05-09T15:59:59.999Z'))).toBe('2026-05-09');
    expect(shanghaiDay(new Date('2026-05-09T16:00:00.000Z'))).toBe('2026-05-10');
  });

  it('counts whole days across months and a leap day', () => {
    expect(daysFrom('2026-05-10', '2026-07-01')).toBe(52); // 21 left in May + 30 in June + 1
    expect(daysFrom('2026-04-01', '2026-05-10')).toBe(39); // 30 in April + 9
    expect(daysFrom('2028-02-28', '2028-03-01')).toBe(2); // 2028-02-29 exists
    expect(daysFrom('2026-05-10', '2026-05-10')).toBe(0);
    expect(daysFrom('2026-05-10', '2026-05-09')).toBe(-1);
  });
});
