import { Inject, Injectable } from '@nestjs/common';
import { getDataSourceToken } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import type { StaffRole } from '@sanshe/contracts';
import { qualifiedTable, schemaNameOf } from '@sanshe/persistence';
import type {
  HoursConfirmedBy,
  HoursRecord,
  HoursSettlement,
  HoursStatus,
  ScheduledActivity,
} from '../domain/hours-record';
import { HoursRepository } from '../domain/hours.repository';

interface HoursRow {
  hours_id: string;
  worker_id: string;
  worker_kind: StaffRole;
  organization_id: string;
  activity_id: string;
  activity_known: boolean;
  session_id: string | null;
  community_code: string;
  served_on: string;
  minutes: number;
  confirm_by: Date;
  status: HoursStatus;
  confirmed_by: HoursConfirmedBy | null;
  decision_id: string | null;
  recorded_by: string;
  recorded_at: Date;
  settled_at: Date | null;
}

// served_on as text: a date column would come back as a JavaScript Date at the server's midnight.
const COLUMNS = `hours_id, worker_id, worker_kind, organization_id, activity_id, activity_known, session_id,
  community_code, served_on::text AS served_on, minutes, confirm_by, status, confirmed_by, decision_id,
  recorded_by, recorded_at, settled_at`;

const toRecord = (row: HoursRow): HoursRecord => ({
  hoursId: row.hours_id,
  workerId: row.worker_id,
  workerKind: row.worker_kind,
  organizationId: row.organization_id,
  activityId: row.activity_id,
  activityKnown: row.activity_known,
  sessionId: row.session_id,
  communityCode: row.community_code,
  servedOn: row.served_on,
  minutes: row.minutes,
  confirmBy: row.confirm_by.toISOString(),
  status: row.status,
  confirmedBy: row.confirmed_by,
  decisionId: row.decision_id,
  recordedBy: row.recorded_by,
  recordedAt: row.recorded_at.toISOString(),
  settledAt: row.settled_at?.toISOString() ?? null,
});

@Injectable()
export class PostgresHoursRepository extends HoursRepository {
  private readonly hours: string;
  /** The staffing feature's table of activities scheduled (organization.activity.scheduled). */
  private readonly activities: string;

  constructor(@Inject(getDataSourceToken()) private readonly dataSource: DataSource) {
    super();
    const schema = schemaNameOf(dataSource);
    this.hours = qualifiedTable(schema, 'hours_record');
    this.activities = qualifiedTable(schema, 'talent_activity');
  }

  async insert(manager: EntityManager, record: HoursRecord): Promise<{ inserted: true } | { existing: string }> {
    const inserted = await manager.query<{ hours_id: string }[]>(
      `INSERT INTO ${this.hours} (hours_id, worker_id, worker_kind, organization_id, activity_id, activity_known,
         session_id, community_code, served_on, minutes, confirm_by, status, recorded_by, recorded_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, 'recorded', $12, $13)
       ON CONFLICT DO NOTHING RETURNING hours_id`,
      [
        record.hoursId,
        record.workerId,
        record.workerKind,
        record.organizationId,
        record.activityId,
        record.activityKnown,
        record.sessionId,
        record.communityCode,
        record.servedOn,
        record.minutes,
        record.confirmBy,
        record.recordedBy,
        record.recordedAt,
      ],
    );
    if (inserted.length > 0) return { inserted: true };
    const [existing] = await manager.query<{ hours_id: string }[]>(
      `SELECT hours_id FROM ${this.hours}
        WHERE worker_id = $1 AND activity_id = $2 AND served_on = $3 AND coalesce(session_id, '') = $4`,
      [record.workerId, record.activityId, record.servedOn, record.sessionId ?? ''],
    );
    return { existing: existing?.hours_id ?? record.hoursId };
  }

  async findForUpdate(manager: EntityManager, hoursId: string): Promise<HoursRecord | null> {
    const rows = await manager.query<HoursRow[]>(
      `SELECT ${COLUMNS} FROM ${this.hours} WHERE hours_id = $1 FOR UPDATE`,
      [hoursId],
    );
    return rows[0] ? toRecord(rows[0]) : null;
  }

  async settle(manager: EntityManager, hoursId: string, settlement: HoursSettlement): Promise<HoursRecord> {
    const confirmedBy = settlement.status === 'confirmed' ? settlement.confirmedBy : null;
    const rows = await manager.query<HoursRow[]>(
      // A SELECT over the UPDATE: TypeORM answers a bare UPDATE … RETURNING with [rows, count].
      `WITH settled AS (
         UPDATE ${this.hours} SET status = $2, confirmed_by = $3, decision_id = $4, settled_at = now()
          WHERE hours_id = $1 AND status = 'recorded' RETURNING *)
       SELECT ${COLUMNS} FROM settled`,
      [hoursId, settlement.status, confirmedBy, settlement.decisionId ?? null],
    );
    if (!rows[0]) throw new Error(`hours ${hoursId} were not waiting to be settled`);
    return toRecord(rows[0]);
  }

  async find(hoursId: string): Promise<HoursRecord | null> {
    const rows = await this.dataSource.query<HoursRow[]>(`SELECT ${COLUMNS} FROM ${this.hours} WHERE hours_id = $1`, [
      hoursId,
    ]);
    return rows[0] ? toRecord(rows[0]) : null;
  }

  async listByWorker(workerId: string): Promise<HoursRecord[]> {
    const rows = await this.dataSource.query<HoursRow[]>(
      `SELECT ${COLUMNS} FROM ${this.hours} WHERE worker_id = $1 ORDER BY served_on DESC, recorded_at DESC, hours_id`,
      [workerId],
    );
    return rows.map(toRecord);
  }

  async confirmedVolunteerMinutes(manager: EntityManager, workerId: string): Promise<number> {
    const [row] = await manager.query<{ minutes: string }[]>(
      `SELECT coalesce(sum(minutes), 0) AS minutes FROM ${this.hours}
        WHERE worker_id = $1 AND worker_kind = 'volunteer' AND status = 'confirmed'`,
      [workerId],
    );
    return Number(row?.minutes ?? 0);
  }

  async scheduledActivity(manager: EntityManager, activityId: string): Promise<ScheduledActivity | null> {
    const rows = await manager.query<{ organization_id: string; community_code: string }[]>(
      `SELECT organization_id, community_code FROM ${this.activities} WHERE activity_id = $1`,
      [activityId],
    );
    const row = rows[0];
    return row ? { activityId, organizationId: row.organization_id, communityCode: row.community_code } : null;
  }
}
