import { Inject, Injectable } from '@nestjs/common';
import { getDataSourceToken } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { qualifiedTable, schemaNameOf } from '@sanshe/persistence';
import type { FlowFact, FlowMeasure } from '../domain/flow-report';
import { type FlowFilter, FlowRepository } from '../domain/flow.repository';
import { LEDGER_MEASURES } from '../domain/ledger-measures';

interface FactRow {
  grant_id: string;
  mode: string;
  category: string;
  community_code: string;
  organization_id: string;
  month: string;
  measure: FlowMeasure;
  currency: string;
  amount_fen: string;
}

/** The day an instant falls on in Asia/Shanghai, within the optional inclusive [$from, $to]. */
const inPeriod = (instant: string) =>
  `($4::date IS NULL OR (${instant} AT TIME ZONE 'Asia/Shanghai')::date >= $4::date)
   AND ($5::date IS NULL OR (${instant} AT TIME ZONE 'Asia/Shanghai')::date <= $5::date)`;
const monthOf = (instant: string) => `to_char(${instant} AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM')`;

/**
 * The grants feature's `grant` and the programs' `program` (the grant's dimensions), and the ledger's
 * lines on grant accounts that LEDGER_MEASURES counts, read in SQL: each grant's award (unless voided)
 * in its award month, and its ledger movements summed per month in PostgreSQL (numeric, read as text and
 * parsed as BigInt: never a float).
 */
@Injectable()
export class PostgresFlowRepository extends FlowRepository {
  private readonly sql: string;

  constructor(@Inject(getDataSourceToken()) private readonly dataSource: DataSource) {
    super();
    const t = (table: string) => qualifiedTable(schemaNameOf(dataSource), table);
    this.sql = `
      WITH scoped AS (
        SELECT g.grant_id, g.organization_id, g.community_code, g.currency, g.amount_fen, g.status, g.created_at,
               p.mode, p.category
          FROM ${t('grant')} g JOIN ${t('program')} p ON p.program_id = g.program_id
         WHERE ($1::text IS NULL OR g.program_id = $1)
           AND ($2::text[] IS NULL OR p.funder_id = ANY ($2::text[]))
           AND ($3::text[] IS NULL OR g.organization_id = ANY ($3::text[]))
      ), measures AS (
        SELECT * FROM jsonb_to_recordset($6::jsonb) AS m(measure text, kind text, purpose text, side text)
      ), facts AS (
        SELECT s.grant_id, ${monthOf('s.created_at')} AS month, 'awarded' AS measure, s.currency,
               s.amount_fen::numeric AS amount_fen
          FROM scoped s WHERE s.status <> 'voided' AND ${inPeriod('s.created_at')}
        UNION ALL
        SELECT s.grant_id, ${monthOf('e.posted_at')}, m.measure, e.currency, sum(l.amount_fen)
          FROM scoped s
          JOIN ${t('ledger_account')} a ON a.owner_kind = 'grant' AND a.owner_id = s.grant_id
          JOIN measures m ON m.purpose = a.purpose
          JOIN ${t('journal_line')} l ON l.account_id = a.account_id AND l.side = m.side
          JOIN ${t('journal_entry')} e ON e.entry_id = l.entry_id AND e.kind = m.kind
         WHERE ${inPeriod('e.posted_at')}
         GROUP BY s.grant_id, 2, m.measure, e.currency
      )
      SELECT s.grant_id, s.mode, s.category, s.community_code, s.organization_id,
             f.month, f.measure, f.currency, f.amount_fen::text AS amount_fen
        FROM facts f JOIN scoped s ON s.grant_id = f.grant_id
       ORDER BY f.month, s.grant_id, f.measure`;
  }

  async factsOf(filter: FlowFilter): Promise<FlowFact[]> {
    const rows = await this.dataSource.query<FactRow[]>(this.sql, [
      filter.programId,
      filter.funderIds,
      filter.organizationIds,
      filter.from,
      filter.to,
      JSON.stringify(LEDGER_MEASURES),
    ]);
    return rows.map((row) => ({
      grantId: row.grant_id,
      mode: row.mode,
      category: row.category,
      communityCode: row.community_code,
      organizationId: row.organization_id,
      month: row.month,
      measure: row.measure,
      currency: row.currency.trim(),
      amountFen: BigInt(row.amount_fen),
    }));
  }
}
