import { Inject, Injectable } from '@nestjs/common';
import { getDataSourceToken } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { qualifiedTable, schemaNameOf } from '@sanshe/persistence';
import { type DecisionCount, DecisionReportSource, type ReportPeriod } from '../domain/decision-report';

/**
 * From closed_decision (migration 1795737600007, append-only): the outcome's result, decider and escalation
 * level of each decision closed in the period (UTC days), in a community a jurisdiction code covers — the
 * code itself or one under it by whole segments, as the registry's `covers`. Public facts only: no party.
 */
@Injectable()
export class PostgresDecisionReportSource extends DecisionReportSource {
  private readonly closed: string;

  constructor(@Inject(getDataSourceToken()) dataSource: DataSource) {
    super();
    this.closed = qualifiedTable(schemaNameOf(dataSource), 'closed_decision');
  }

  async closedDecisions(manager: EntityManager, jurisdiction: readonly string[], period: ReportPeriod) {
    const rows = (await manager.query(
      `SELECT kind, outcome->>'result' AS result, outcome->>'decidedBy' AS decided_by, count(*)::int AS count,
              count(*) FILTER (WHERE COALESCE((outcome->>'level')::int, 0) > 0)::int AS escalated
         FROM ${this.closed}
        WHERE closed_at >= $1::date AND closed_at < $2::date + 1
          AND (community_code = ANY($3::text[]) OR community_code LIKE ANY($4::text[]))
        GROUP BY 1, 2, 3 ORDER BY 1, 2, 3`,
      [period.from, period.to, jurisdiction, jurisdiction.map((code) => `${code}-%`)],
    )) as { kind: string; result: string; decided_by: string; count: number; escalated: number }[];
    return rows.map((row): DecisionCount => ({
      kind: row.kind,
      result: row.result,
      decidedBy: row.decided_by,
      count: row.count,
      escalated: row.escalated,
    }));
  }
}
