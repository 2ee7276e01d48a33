import { noticeEndsAt } from '../../src/disbursement/domain/working-days';

/** Hand examples in Asia/Shanghai (UTC+8): the notice ends at Shanghai midnight after its last working day. */
const shanghai = (local: string) => Date.parse(`${local}+08:00`);
const iso = (epochMs: number) => new Date(epochMs).toISOString();

describe('noticeEndsAt (working days Mon–Fri, Asia/Shanghai)', () => {
  it('opened on a Tuesday, 5 working days: Wed Thu Fri, Mon Tue — ends the next Wednesday 00:00 Shanghai', () => {
    // 2027-01-12 is a Tuesday.
    expect(iso(noticeEndsAt(shanghai('2027-01-12T10:00:00'), 5))).toBe('2027-01-19T16:00:00.000Z');
  });

  it('over a weekend: opened Friday afternoon, 2 working days are Monday and Tuesday', () => {
    // 2027-01-15 is a Friday; the notice ends Wednesday 2027-01-20 00:00 Shanghai.
    expect(iso(noticeEndsAt(shanghai('2027-01-15T15:30:00'), 2))).toBe('2027-01-19T16:00:00.000Z');
  });

  it('counts by the Shanghai day, not UTC: Friday 23:30 UTC is already Saturday in Shanghai', () => {
    // 2027-01-15T23:30Z = Saturday 07:30 in Shanghai: 1 working day is Monday, ending Tuesday 00:00 Shanghai.
    expect(iso(noticeEndsAt(Date.parse('2027-01-15T23:30:00Z'), 1))).toBe('2027-01-18T16:00:00.000Z');
  });

  it('opened on a Sunday: the next working day is Monday', () => {
    expect(iso(noticeEndsAt(shanghai('2027-01-17T09:00:00'), 1))).toBe('2027-01-18T16:00:00.000Z');
  });

  it('0 working days ends at once', () => {
    const at = shanghai('2027-01-12T10:00:00');
    expect(noticeEndsAt(at, 0)).toBe(at);
  });
});
