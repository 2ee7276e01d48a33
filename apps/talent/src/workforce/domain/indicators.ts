/*
 * Workforce health of one organization (pure): who works there, who left, and whether a figure is past
 * its threshold. Staff = certified social workers + community staff + interns; volunteers are never staff
 * (apps/talent/README.md, "Workforce health").
 */

/** The thresholds, as data: a new version is a new object, never an edit of this one. */
export const WORKFORCE_THRESHOLDS = {
  version: 1,
  /** Above this share of interns among staff the organization runs on interns (the study's 70%). */
  internRatioAbove: 0.7,
  /** Above this share of the average headcount leaving within 12 months: a turnover spike. */
  turnoverAbove: 0.3,
  /** Below this many staff no ratio is judged: one intern in a team of two is not a workforce risk. */
  minStaff: 5,
} as const;

export type WorkforceThresholds = Omit<typeof WORKFORCE_THRESHOLDS, 'version'> & { version: number };

export const WORKFORCE_INDICATORS = ['intern-ratio', 'turnover'] as const;
export type WorkforceIndicator = (typeof WORKFORCE_INDICATORS)[number];

/** Counts of the organization's workers; active ones now, and the two turnover counts over 365 days. */
export interface WorkforceFigures {
  certified: number;
  communityStaff: number;
  interns: number;
  volunteers: number;
  /** Staff who left within the last 365 days. */
  left12Months: number;
  /** Staff who were active 365 days ago. */
  headcount12MonthsAgo: number;
  /** Workers with an intern → staff step in their career path (kept on). */
  retainedInterns: number;
}

/** A share as a fraction, so that a comparison with a threshold is exact (7/10 is not above 0.70). */
export interface Share {
  numerator: number;
  denominator: number;
}

export interface WorkforceIndicators {
  staff: number;
  /** interns / staff; null with no staff. */
  internRatio: number | null;
  /** certified / staff; null with no staff. */
  certifiedCoverage: number | null;
  /** left12Months / average(staff now, staff 12 months ago); null when both are 0. */
  turnover12Months: number | null;
  retainedInterns: number;
}

export const staffOf = (f: WorkforceFigures) => f.certified + f.communityStaff + f.interns;

/** The shares behind the two judged indicators (turnover's average headcount doubled away: 2·left / (now + then)). */
export function sharesOf(f: WorkforceFigures): Record<WorkforceIndicator, Share> {
  const staff = staffOf(f);
  return {
    'intern-ratio': { numerator: f.interns, denominator: staff },
    turnover: { numerator: 2 * f.left12Months, denominator: staff + f.headcount12MonthsAgo },
  };
}

/** A share rounded to 4 decimals (as events carry it); null for 0/0. */
export const valueOf = ({ numerator, denominator }: Share): number | null =>
  denominator === 0 ? null : Math.round((numerator / denominator) * 10_000) / 10_000;

export function indicatorsOf(f: WorkforceFigures): WorkforceIndicators {
  const staff = staffOf(f);
  const shares = sharesOf(f);
  return {
    staff,
    internRatio: valueOf(shares['intern-ratio']),
    certifiedCoverage: valueOf({ numerator: f.certified, denominator: staff }),
    turnover12Months: valueOf(shares.turnover),
    retainedInterns: f.retainedInterns,
  };
}

/** Whether `share` is strictly above `threshold` (at most 4 decimals), in integers: no floating-point edge. */
export const isAbove = ({ numerator, denominator }: Share, threshold: number): boolean =>
  denominator > 0 && numerator * 10_000 > Math.round(threshold * 10_000) * denominator;

export interface Judgement {
  indicator: WorkforceIndicator;
  value: number;
  threshold: number;
  atRisk: boolean;
}

export const thresholdOf = (indicator: WorkforceIndicator, thresholds: WorkforceThresholds): number =>
  indicator === 'intern-ratio' ? thresholds.internRatioAbove : thresholds.turnoverAbove;

/**
 * Each indicator judged against its threshold; an empty list when the organization has fewer staff than
 * `minStaff` (too small for a ratio: nothing is judged, so nothing crosses). Turnover is judged only with
 * a year of history, `minStaff` staff 12 months ago too: workers are dated from their registration, so an
 * organization registered this year would otherwise show every leaving as a spike.
 */
export function judge(f: WorkforceFigures, thresholds: WorkforceThresholds = WORKFORCE_THRESHOLDS): Judgement[] {
  if (staffOf(f) < thresholds.minStaff) return [];
  const shares = sharesOf(f);
  return WORKFORCE_INDICATORS.flatMap((indicator) => {
    if (indicator === 'turnover' && f.headcount12MonthsAgo < thresholds.minStaff) return [];
    const share = shares[indicator];
    const value = valueOf(share);
    if (value === null) return [];
    const threshold = thresholdOf(indicator, thresholds);
    return [{ indicator, value, threshold, atRisk: isAbove(share, threshold) }];
  });
}
