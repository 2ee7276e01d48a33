import type { SocialWorkerLevel } from '@sanshe/contracts';

/** A year's continuing education against the level's requirement; hours to the tenth. */
export interface YearRequirement {
  requiredHours: number;
  completedHours: number;
  /** What is still missing; 0 once met. */
  shortfallHours: number;
}

const tenths = (hours: number) => Math.round(hours * 10) / 10;

export function yearRequirement(
  level: SocialWorkerLevel,
  completedHours: number,
  hoursPerLevel: Record<SocialWorkerLevel, number>,
): YearRequirement {
  const requiredHours = hoursPerLevel[level];
  const completed = tenths(completedHours);
  return { requiredHours, completedHours: completed, shortfallHours: Math.max(0, tenths(requiredHours - completed)) };
}

/** Whether `today` (YYYY-MM-DD) is on or after the year's warning day `warnFrom` (MM-DD). */
export const warnsShortfall = (today: string, warnFrom: string) => today.slice(5) >= warnFrom;

const dayNumber = (date: string) =>
  Date.UTC(Number(date.slice(0, 4)), Number(date.slice(5, 7)) - 1, Number(date.slice(8, 10))) / 86_400_000;

/** Whole days from `from` to `to` (both YYYY-MM-DD). */
export const daysBetween = (from: string, to: string) => dayNumber(to) - dayNumber(from);

export interface HeldCertificate {
  certificateId: string;
  workerId: string;
  level: SocialWorkerLevel;
  expiresOn: string;
}

export interface ExpiringCertificate<C extends HeldCertificate> {
  certificate: C;
  daysLeft: number;
}

/**
 * The certificates to warn about on `today`: not yet expired, expiring within `warnDays`, and the
 * worker's latest at that level (a renewal already recorded silences the old one).
 */
export function expiringCertificates<C extends HeldCertificate>(
  certificates: readonly C[],
  today: string,
  warnDays: number,
): ExpiringCertificate<C>[] {
  const superseded = (c: C) =>
    certificates.some((o) => o.workerId === c.workerId && o.level === c.level && o.expiresOn > c.expiresOn);
  return certificates
    .map((certificate) => ({ certificate, daysLeft: daysBetween(today, certificate.expiresOn) }))
    .filter(({ certificate, daysLeft }) => daysLeft >= 0 && daysLeft <= warnDays && !superseded(certificate));
}

/** Once-only keys (talent_notice): a shortfall per worker and year, an expiry per certificate and date. */
export const shortfallNoticeKey = (workerId: string, year: number) => `shortfall:${workerId}:${year}`;
export const expiringNoticeKey = (certificateId: string, expiresOn: string) =>
  `certificate-expiring:${certificateId}:${expiresOn}`;
