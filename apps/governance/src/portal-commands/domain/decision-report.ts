import type { EntityManager } from 'typeorm';

/** One line of a decisions report: how many decisions of a kind closed with this result, decided so. */
export interface DecisionCount {
  kind: string;
  result: string;
  decidedBy: string;
  count: number;
  /** Of them, how many had gone to an arbiter (escalation level above 0). */
  escalated: number;
}

/** A report's period: calendar days, inclusive, at most a year and a day. */
export interface ReportPeriod {
  from: string;
  to: string;
}

export const MAX_REPORT_DAYS = 366;

/** Why a period cannot be reported on, or null. */
export function periodProblem({ from, to }: ReportPeriod): string | null {
  const days = (Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000 + 1;
  if (!(days >= 1)) return `the period ends (${to}) before it starts (${from})`;
  if (days > MAX_REPORT_DAYS) return `the period spans ${days} days; a report covers at most ${MAX_REPORT_DAYS}`;
  return null;
}

/** The decisions closed in a period within some areas (a port: the class is also its injection token). */
export abstract class DecisionReportSource {
  /** Counts by kind, result and decider of the decisions closed in `period` in communities `jurisdiction` covers. */
  abstract closedDecisions(
    manager: EntityManager,
    jurisdiction: readonly string[],
    period: ReportPeriod,
  ): Promise<DecisionCount[]>;
}
