import { Inject, Injectable } from '@nestjs/common';
import { getDataSourceToken } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { qualifiedTable, schemaNameOf } from '@sanshe/persistence';
import type { Activity } from '../domain/activity';
import { type ActivityReport, ReportRepository, type StoredReport } from '../domain/activity.repository';
import type { EvidenceKind } from '@sanshe/contracts';
import type { EvidenceUse } from '../domain/evidence';

interface ReportRow {
  summary: string;
  outcomes: ActivityReport['outcomes'];
  milestone: ActivityReport['milestone'];
  submitted_by: string;
  submitted_at: Date;
}

interface EvidenceRow {
  sha256: string;
  activity_id: string;
  grant_id: string | null;
  title: string;
  kind: EvidenceKind;
  reused_from: EvidenceUse[] | null;
}

/** activity_report and evidence_use: the report once per activity, each hash once per activity. */
@Injectable()
export class PostgresReportRepository extends ReportRepository {
  private readonly reports: string;
  private readonly evidence: string;

  constructor(@Inject(getDataSourceToken()) private readonly dataSource: DataSource) {
    super();
    const schema = schemaNameOf(dataSource);
    this.reports = qualifiedTable(schema, 'activity_report');
    this.evidence = qualifiedTable(schema, 'evidence_use');
  }

  async lockHashes(manager: EntityManager, hashes: string[]): Promise<void> {
    // One at a time, in the caller's (sorted) order: two completions sharing hashes never deadlock.
    for (const hash of hashes) await manager.query(`SELECT pg_advisory_xact_lock(hashtext($1))`, [hash]);
  }

  async usesOf(manager: EntityManager, hashes: string[]): Promise<Map<string, EvidenceUse[]>> {
    const rows = await manager.query<EvidenceRow[]>(
      `SELECT sha256, activity_id, grant_id FROM ${this.evidence} WHERE sha256 = ANY($1) ORDER BY activity_id`,
      [hashes],
    );
    const uses = new Map<string, EvidenceUse[]>();
    for (const row of rows) {
      uses.set(row.sha256, [...(uses.get(row.sha256) ?? []), { activityId: row.activity_id, grantId: row.grant_id }]);
    }
    return uses;
  }

  async insert(manager: EntityManager, activity: Activity, report: StoredReport, grantId: string | null) {
    await manager.query(
      `INSERT INTO ${this.reports} (activity_id, summary, outcomes, milestone, submitted_by, submitted_at)
       VALUES ($1, $2, $3, $4, $5, $6)`,
      [
        activity.activityId,
        report.summary,
        JSON.stringify(report.outcomes),
        report.milestone === null ? null : JSON.stringify(report.milestone),
        report.submittedBy,
        report.submittedAt,
      ],
    );
    for (const [position, item] of report.evidence.entries()) {
      await manager.query(
        `INSERT INTO ${this.evidence} (sha256, activity_id, grant_id, title, kind, reused_from, position)
         VALUES ($1, $2, $3, $4, $5, $6, $7)`,
        [
          item.sha256,
          activity.activityId,
          grantId,
          item.title,
          item.kind,
          item.reusedIn.length === 0 ? null : JSON.stringify(item.reusedIn),
          position,
        ],
      );
    }
  }

  async find(activityId: string): Promise<StoredReport | null> {
    const [row] = await this.dataSource.query<ReportRow[]>(`SELECT * FROM ${this.reports} WHERE activity_id = $1`, [
      activityId,
    ]);
    if (!row) return null;
    const evidence = await this.dataSource.query<EvidenceRow[]>(
      `SELECT * FROM ${this.evidence} WHERE activity_id = $1 ORDER BY position`,
      [activityId],
    );
    return {
      summary: row.summary,
      outcomes: row.outcomes,
      milestone: row.milestone,
      submittedBy: row.submitted_by,
      submittedAt: row.submitted_at.toISOString(),
      evidence: evidence.map((e) => ({
        sha256: e.sha256,
        title: e.title,
        kind: e.kind,
        reusedIn: e.reused_from ?? [],
      })),
    };
  }
}
