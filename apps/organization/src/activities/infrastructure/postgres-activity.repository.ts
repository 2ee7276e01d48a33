import { Inject, Injectable } from '@nestjs/common';
import { getDataSourceToken } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import type { StaffingPlan } from '@sanshe/contracts';
import { qualifiedTable, schemaNameOf } from '@sanshe/persistence';
import type { Activity, ActivityStatus, CancelReason, Session } from '../domain/activity';
import { type ActivityFilter, ActivityRepository } from '../domain/activity.repository';
import type { Group } from '../domain/groups';

interface ActivityRow {
  activity_id: string;
  proposal_id: string;
  organization_id: string;
  community_code: string;
  need_id: string | null;
  grant_id: string | null;
  basis: Activity['basis'];
  decision_id: string | null;
  status: ActivityStatus;
  paused_from: Activity['pausedFrom'];
  pauses: number;
  staffing_plan: StaffingPlan | null;
  venue_id: string | null;
  scheduled_at: Date;
  started_at: Date | null;
  completed_at: Date | null;
  cancelled_reason: CancelReason | null;
  cancelled_note: string | null;
  cancelled_at: Date | null;
}

interface SessionRow {
  session_id: string;
  activity_id: string;
  seq: number;
  starts_at: Date;
  ends_at: Date;
  status: Session['status'];
  resident_ids: string[];
  anonymous_count: number;
}

const iso = (at: Date | null) => (at === null ? null : at.toISOString());

const toSession = (row: SessionRow): Session => ({
  sessionId: row.session_id,
  seq: row.seq,
  startsAt: row.starts_at.toISOString(),
  endsAt: row.ends_at.toISOString(),
  status: row.status,
  residentIds: row.resident_ids,
  anonymousCount: row.anonymous_count,
});

const toActivity = (row: ActivityRow, sessions: Session[]): Activity => ({
  activityId: row.activity_id,
  proposalId: row.proposal_id,
  organizationId: row.organization_id,
  communityCode: row.community_code,
  needId: row.need_id,
  grantId: row.grant_id,
  basis: row.basis,
  decisionId: row.decision_id,
  venueId: row.venue_id,
  staffingPlan: row.staffing_plan,
  status: row.status,
  pausedFrom: row.paused_from,
  pauses: row.pauses,
  sessions,
  scheduledAt: row.scheduled_at.toISOString(),
  startedAt: iso(row.started_at),
  completedAt: iso(row.completed_at),
  cancelled:
    row.cancelled_reason === null
      ? null
      : {
          reason: row.cancelled_reason,
          note: row.cancelled_note,
          at: (row.cancelled_at ?? row.scheduled_at).toISOString(),
        },
});

/** activity and activity_session (and the empty groups at insert) in the organization's schema, plain SQL. */
@Injectable()
export class PostgresActivityRepository extends ActivityRepository {
  private readonly activities: string;
  private readonly sessions: string;
  private readonly groups: string;

  constructor(@Inject(getDataSourceToken()) private readonly dataSource: DataSource) {
    super();
    const schema = schemaNameOf(dataSource);
    this.activities = qualifiedTable(schema, 'activity');
    this.sessions = qualifiedTable(schema, 'activity_session');
    this.groups = qualifiedTable(schema, 'activity_group');
  }

  async insert(manager: EntityManager, activity: Activity, groups: Group[]) {
    const a = activity;
    const inserted = await manager.query<{ activity_id: string }[]>(
      `INSERT INTO ${this.activities} (activity_id, proposal_id, organization_id, community_code, need_id, basis,
         decision_id, status, pauses, staffing_plan, venue_id, scheduled_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, 0, $9, $10, $11)
       ON CONFLICT (proposal_id) DO NOTHING RETURNING activity_id`,
      [
        a.activityId,
        a.proposalId,
        a.organizationId,
        a.communityCode,
        a.needId,
        a.basis,
        a.decisionId,
        a.status,
        a.staffingPlan === null ? null : JSON.stringify(a.staffingPlan),
        a.venueId,
        a.scheduledAt,
      ],
    );
    if (inserted.length === 0) {
      const [existing] = await manager.query<{ activity_id: string }[]>(
        `SELECT activity_id FROM ${this.activities} WHERE proposal_id = $1`,
        [a.proposalId],
      );
      return { activityId: existing?.activity_id ?? a.activityId, inserted: false };
    }
    await this.saveSessions(manager, a, null);
    for (const group of groups) {
      await manager.query(`INSERT INTO ${this.groups} (group_id, activity_id, kind) VALUES ($1, $2, $3)`, [
        group.groupId,
        a.activityId,
        group.kind,
      ]);
    }
    return { activityId: a.activityId, inserted: true };
  }

  find(manager: EntityManager, activityId: string, lock = false) {
    return this.findWhere(manager, 'activity_id', activityId, lock);
  }

  findByProposal(manager: EntityManager, proposalId: string, lock = false) {
    return this.findWhere(manager, 'proposal_id', proposalId, lock);
  }

  private async findWhere(manager: EntityManager, column: string, value: string, lock: boolean) {
    const rows = await manager.query<ActivityRow[]>(
      `SELECT * FROM ${this.activities} WHERE ${column} = $1${lock ? ' FOR UPDATE' : ''}`,
      [value],
    );
    const row = rows[0];
    if (!row) return null;
    const sessions = await manager.query<SessionRow[]>(
      `SELECT * FROM ${this.sessions} WHERE activity_id = $1 ORDER BY seq`,
      [row.activity_id],
    );
    return toActivity(row, sessions.map(toSession));
  }

  async save(manager: EntityManager, activity: Activity, recordedBy: string | null): Promise<void> {
    const a = activity;
    await manager.query(
      `UPDATE ${this.activities} SET status = $2, paused_from = $3, pauses = $4, decision_id = $5, started_at = $6,
         completed_at = $7, cancelled_reason = $8, cancelled_note = $9, cancelled_at = $10, grant_id = $11
       WHERE activity_id = $1`,
      [
        a.activityId,
        a.status,
        a.pausedFrom,
        a.pauses,
        a.decisionId,
        a.startedAt,
        a.completedAt,
        a.cancelled?.reason ?? null,
        a.cancelled?.note ?? null,
        a.cancelled?.at ?? null,
        a.grantId,
      ],
    );
    await this.saveSessions(manager, a, recordedBy);
  }

  private async saveSessions(manager: EntityManager, activity: Activity, recordedBy: string | null) {
    for (const s of activity.sessions) {
      await manager.query(
        `INSERT INTO ${this.sessions} (session_id, activity_id, seq, starts_at, ends_at, status, resident_ids,
           anonymous_count, recorded_by)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
         ON CONFLICT (session_id) DO UPDATE SET status = EXCLUDED.status, resident_ids = EXCLUDED.resident_ids,
           anonymous_count = EXCLUDED.anonymous_count,
           recorded_by = COALESCE(EXCLUDED.recorded_by, ${this.sessions}.recorded_by)
         WHERE (${this.sessions}.status, ${this.sessions}.resident_ids, ${this.sessions}.anonymous_count)
           IS DISTINCT FROM (EXCLUDED.status, EXCLUDED.resident_ids, EXCLUDED.anonymous_count)`,
        [
          s.sessionId,
          activity.activityId,
          s.seq,
          s.startsAt,
          s.endsAt,
          s.status,
          s.residentIds,
          s.anonymousCount,
          recordedBy,
        ],
      );
    }
  }

  async idsOf(manager: EntityManager, organizationId: string, statuses: readonly ActivityStatus[]): Promise<string[]> {
    const rows = await manager.query<{ activity_id: string }[]>(
      `SELECT activity_id FROM ${this.activities} WHERE organization_id = $1 AND status = ANY($2)
       ORDER BY scheduled_at, activity_id`,
      [organizationId, statuses],
    );
    return rows.map((row) => row.activity_id);
  }

  async list({ organizationId, status }: ActivityFilter): Promise<Activity[]> {
    const rows = await this.dataSource.query<ActivityRow[]>(
      `SELECT * FROM ${this.activities} WHERE organization_id = $1 AND ($2::text IS NULL OR status = $2)
       ORDER BY scheduled_at DESC, activity_id LIMIT 500`,
      [organizationId, status ?? null],
    );
    const sessions = await this.dataSource.query<SessionRow[]>(
      `SELECT * FROM ${this.sessions} WHERE activity_id = ANY($1) ORDER BY seq`,
      [rows.map((r) => r.activity_id)],
    );
    return rows.map((row) => toActivity(row, sessions.filter((s) => s.activity_id === row.activity_id).map(toSession)));
  }

  async setGrant(manager: EntityManager, proposalId: string, grantId: string): Promise<void> {
    await manager.query(`UPDATE ${this.activities} SET grant_id = $2 WHERE proposal_id = $1 AND grant_id IS NULL`, [
      proposalId,
      grantId,
    ]);
  }

  async countByStatus(organizationId: string): Promise<Record<ActivityStatus, number>> {
    const rows = await this.dataSource.query<{ status: ActivityStatus; n: number }[]>(
      `SELECT status, count(*)::int AS n FROM ${this.activities} WHERE organization_id = $1 GROUP BY status`,
      [organizationId],
    );
    const counts = { scheduled: 0, running: 0, paused: 0, completed: 0, cancelled: 0 };
    for (const { status, n } of rows) counts[status] = n;
    return counts;
  }
}
