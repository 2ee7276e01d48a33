import { Inject, Injectable } from '@nestjs/common';
import { getDataSourceToken } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { qualifiedTable, schemaNameOf } from '@sanshe/persistence';
import type { IndicatorState, WorkforceStatus } from '../domain/crossings';
import type { WorkforceFigures, WorkforceIndicator } from '../domain/indicators';
import { WorkforceRepository } from '../domain/workforce.repository';

interface StateRow {
  organization_id: string;
  indicator: WorkforceIndicator;
  status: WorkforceStatus;
  crossings: number;
  last_value: string | null;
  changed_at: Date;
}

const STAFF_KINDS = ['certified-social-worker', 'community-staff', 'intern'];

/**
 * workforce_state, and the workers feature's `worker` table read as it stands in the caller's transaction
 * (the one making the change): staff are certified social workers, community staff and interns.
 */
@Injectable()
export class PostgresWorkforceRepository extends WorkforceRepository {
  private readonly states: string;
  private readonly workers: string;

  constructor(@Inject(getDataSourceToken()) private readonly dataSource: DataSource) {
    super();
    const schema = schemaNameOf(dataSource);
    this.states = qualifiedTable(schema, 'workforce_state');
    this.workers = qualifiedTable(schema, 'worker');
  }

  async lockOrganization(manager: EntityManager, organizationId: string): Promise<void> {
    await manager.query(`SELECT pg_advisory_xact_lock(hashtext($1))`, [`${this.states}:${organizationId}`]);
  }

  async figuresOf(organizationId: string, today: string, manager?: EntityManager): Promise<WorkforceFigures> {
    const [row] = await (manager ?? this.dataSource).query<Record<keyof WorkforceFigures, string>[]>(
      `SELECT
         count(*) FILTER (WHERE status = 'active' AND kind = 'certified-social-worker') AS "certified",
         count(*) FILTER (WHERE status = 'active' AND kind = 'community-staff') AS "communityStaff",
         count(*) FILTER (WHERE status = 'active' AND kind = 'intern') AS "interns",
         count(*) FILTER (WHERE status = 'active' AND kind = 'volunteer') AS "volunteers",
         count(*) FILTER (WHERE kind = ANY ($3) AND status = 'left' AND left_on > $2::date - 365) AS "left12Months",
         count(*) FILTER (WHERE kind = ANY ($3) AND created_at < ($2::date - 365)::timestamptz
                            AND (left_on IS NULL OR left_on > $2::date - 365)) AS "headcount12MonthsAgo",
         count(*) FILTER (WHERE status = 'active' AND retained_from_intern) AS "retainedInterns"
       FROM ${this.workers} WHERE organization_id = $1`,
      [organizationId, today, STAFF_KINDS],
    );
    return {
      certified: Number(row.certified),
      communityStaff: Number(row.communityStaff),
      interns: Number(row.interns),
      volunteers: Number(row.volunteers),
      left12Months: Number(row.left12Months),
      headcount12MonthsAgo: Number(row.headcount12MonthsAgo),
      retainedInterns: Number(row.retainedInterns),
    };
  }

  async statesOf(organizationId: string, manager?: EntityManager): Promise<IndicatorState[]> {
    const rows = await (manager ?? this.dataSource).query<StateRow[]>(
      `SELECT * FROM ${this.states} WHERE organization_id = $1 ORDER BY indicator`,
      [organizationId],
    );
    return rows.map((row) => ({
      organizationId: row.organization_id,
      indicator: row.indicator,
      status: row.status,
      crossings: row.crossings,
      lastValue: row.last_value === null ? null : Number(row.last_value),
      changedAt: row.changed_at.toISOString(),
    }));
  }

  async saveState(manager: EntityManager, s: IndicatorState): Promise<void> {
    await manager.query(
      `INSERT INTO ${this.states} (organization_id, indicator, status, crossings, last_value, changed_at)
       VALUES ($1, $2, $3, $4, $5, $6)
       ON CONFLICT (organization_id, indicator) DO UPDATE SET status = EXCLUDED.status,
         crossings = EXCLUDED.crossings, last_value = EXCLUDED.last_value, changed_at = EXCLUDED.changed_at,
         evaluated_at = now()`,
      [s.organizationId, s.indicator, s.status, s.crossings, s.lastValue, s.changedAt],
    );
  }

  async organizations(): Promise<string[]> {
    const rows = await this.dataSource.query<{ organization_id: string }[]>(
      `SELECT organization_id FROM ${this.workers} WHERE organization_id IS NOT NULL
       UNION SELECT organization_id FROM ${this.states} ORDER BY organization_id`,
    );
    return rows.map((row) => row.organization_id);
  }
}
