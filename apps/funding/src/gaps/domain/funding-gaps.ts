import { daysFrom } from '../../calendar/shanghai-calendar';

/*
 * Funding gaps of one organization (pure), judged on a calendar day in Asia/Shanghai
 * (apps/funding/README.md, "Funding-gap warnings"):
 *   tranche-late  a tranche of an active grant not yet paid (no settled payment) whose dueDate is before
 *                 today; the most overdue one is named.
 *   runway-short  fundedUntil − today < warnDays, where fundedUntil is the latest dueDate among ALL the
 *                 tranches (paid or not) of the organization's active and completed grants: the last day
 *                 money it has been promised falls due. With no such tranche, fundedUntil is null: short.
 */

/** One tranche of a grant the organization holds (active, or completed: every tranche paid). */
export interface SecuredTranche {
  grantId: string;
  trancheNo: number;
  /** YYYY-MM-DD, Asia/Shanghai. */
  dueDate: string;
  /** The grant is active (not completed): only an active grant's tranche can be late. */
  grantActive: boolean;
  /** A settled payment exists for it (an instructed one has not reached the organization yet). */
  paid: boolean;
}

export interface TrancheLate {
  kind: 'tranche-late';
  grantId: string;
  trancheNo: number;
  dueDate: string;
  daysLate: number;
  /** Late by more than this many days (0: the day after its due date). */
  thresholdDays: number;
}

export interface RunwayShort {
  kind: 'runway-short';
  /** null: the organization holds no active or completed grant any more (all voided). */
  fundedUntil: string | null;
  /** fundedUntil − today in days (negative once passed); null with no fundedUntil. */
  daysLeft: number | null;
  thresholdDays: number;
}

export type GapFinding = TrancheLate | RunwayShort;

/** The latest due date among the tranches (paid or not); null with none. */
export function fundedUntilOf(tranches: readonly SecuredTranche[]): string | null {
  return tranches.reduce<string | null>(
    (latest, t) => (latest === null || t.dueDate > latest ? t.dueDate : latest),
    null,
  );
}

/** The most overdue unpaid tranche of an active grant (ties: grantId, then trancheNo), or null when none is late. */
export function lateTrancheOf(tranches: readonly SecuredTranche[], today: string): TrancheLate | null {
  const late = tranches
    .filter((t) => t.grantActive && !t.paid && t.dueDate < today)
    .sort(
      (a, b) => a.dueDate.localeCompare(b.dueDate) || a.grantId.localeCompare(b.grantId) || a.trancheNo - b.trancheNo,
    );
  if (late.length === 0) return null;
  const { grantId, trancheNo, dueDate } = late[0];
  return { kind: 'tranche-late', grantId, trancheNo, dueDate, daysLate: daysFrom(dueDate, today), thresholdDays: 0 };
}

/** Whether the organization's secured funding ends within `warnDays` of `today` (fundedUntil − today < warnDays). */
export function shortRunwayOf(
  tranches: readonly SecuredTranche[],
  today: string,
  warnDays: number,
): RunwayShort | null {
  const fundedUntil = fundedUntilOf(tranches);
  const daysLeft = fundedUntil === null ? null : daysFrom(today, fundedUntil);
  if (daysLeft !== null && daysLeft >= warnDays) return null;
  return { kind: 'runway-short', fundedUntil, daysLeft, thresholdDays: warnDays };
}

/** Both gap kinds judged on `today`: each is a finding, or null when there is no gap of that kind. */
export function gapsOf(
  tranches: readonly SecuredTranche[],
  today: string,
  warnDays: number,
): { 'tranche-late': TrancheLate | null; 'runway-short': RunwayShort | null } {
  return { 'tranche-late': lateTrancheOf(tranches, today), 'runway-short': shortRunwayOf(tranches, today, warnDays) };
}
