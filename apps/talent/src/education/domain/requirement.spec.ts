import { DEFAULT_EDUCATION_HOURS } from '../../config/talent-config';
import {
  daysBetween,
  expiringCertificates,
  expiringNoticeKey,
  shortfallNoticeKey,
  warnsShortfall,
  yearRequirement,
} from './requirement';

describe("a year's continuing education (worked by hand)", () => {
  it('a social worker with 12.5 of 30 hours is 17.5 short; an assistant with 24 of 24 is not', () => {
    expect(yearRequirement('social-worker', 12.5, DEFAULT_EDUCATION_HOURS)).toEqual({
      requiredHours: 30,
      completedHours: 12.5,
      shortfallHours: 17.5,
    });
    expect(yearRequirement('assistant-social-worker', 24, DEFAULT_EDUCATION_HOURS).shortfallHours).toBe(0);
    expect(yearRequirement('senior-social-worker', 31.5, DEFAULT_EDUCATION_HOURS).shortfallHours).toBe(0);
    // 0.1 + 0.2 hours is 0.3, not 0.30000000000000004: 30 − 0.3 = 29.7.
    expect(yearRequirement('social-worker', 0.1 + 0.2, DEFAULT_EDUCATION_HOURS)).toEqual({
      requiredHours: 30,
      completedHours: 0.3,
      shortfallHours: 29.7,
    });
  });

  it('warns from 10-01 on, not on 09-30', () => {
    expect(warnsShortfall('2026-09-30', '10-01')).toBe(false);
    expect(warnsShortfall('2026-10-01', '10-01')).toBe(true);
    expect(warnsShortfall('2026-12-31', '10-01')).toBe(true);
  });
});

describe('certificates expiring within 90 days of 2026-11-27 (worked by hand)', () => {
  const held = (certificateId: string, expiresOn: string, workerId = 'w-1') => ({
    certificateId,
    workerId,
    level: 'social-worker' as const,
    expiresOn,
  });

  it('counts days across months: to 2027-01-31 is 3 (November) + 31 (December) + 31 (January) = 65; to 2027-02-25 is 65 + 25 = 90', () => {
    expect(daysBetween('2026-11-27', '2027-01-31')).toBe(65);
    expect(daysBetween('2026-11-27', '2027-02-25')).toBe(90);
    expect(daysBetween('2026-11-27', '2027-02-26')).toBe(91);
  });

  it('warns for those expiring today to 90 days on, not for an expired or a renewed one', () => {
    const certificates = [
      held('c-65', '2027-01-31'),
      held('c-90', '2027-02-25', 'w-2'),
      held('c-91', '2027-02-26', 'w-3'),
      held('c-today', '2026-11-27', 'w-4'),
      held('c-expired', '2026-11-26', 'w-5'),
      held('c-old', '2027-01-10', 'w-6'),
      held('c-renewed', '2032-01-10', 'w-6'),
    ];
    expect(expiringCertificates(certificates, '2026-11-27', 90)).toEqual([
      { certificate: certificates[0], daysLeft: 65 },
      { certificate: certificates[1], daysLeft: 90 },
      { certificate: certificates[3], daysLeft: 0 },
    ]);
  });

  it('keys a notice once per worker and year, and per certificate and expiry', () => {
    expect(shortfallNoticeKey('w-1', 2026)).toBe('shortfall:w-1:2026');
    expect(expiringNoticeKey('c-65', '2027-01-31')).toBe('certificate-expiring:c-65:2027-01-31');
  });
});
