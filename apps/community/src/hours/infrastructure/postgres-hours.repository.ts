import { Inject, Injectable } from '@nestjs/common';
import { getDataSourceToken } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { qualifiedTable, schemaNameOf } from '@sanshe/persistence';
import type { CommunityHours, HoursAnswer, HoursAnswerKind, HoursSettlement } from '../domain/community-hours';
import { HoursRepository } from '../domain/hours.repository';

interface HoursRow {
  hours_id: string;
  community_code: string;
  worker_id: string;
  worker_kind: string;
  organization_id: string;
  activity_id: string;
  served_day: string;
  minutes: number;
  confirm_by: Date;
  answer: HoursAnswerKind | null;
  answer_event_id: string | null;
  answered_by_sub: string | null;
  reason_code: string | null;
  reason_text: string | null;
  answered_at: Date | null;
  answer_status: HoursAnswer['status'] | null;
  rejection_code: string | null;
  rejection_reason: string | null;
  settlement: HoursSettlement['outcome'] | null;
  confirmed_by: string | null;
  settled_at: Date | null;
}

function answerOf(row: HoursRow): HoursAnswer | null {
  if (!row.answer || !row.answer_event_id) return null;
  return {
    kind: row.answer,
    eventId: row.answer_event_id,
    partyId: `community:${row.community_code}`,
    answeredBySub: row.answered_by_sub ?? '',
    reason: row.reason_code ? { code: row.reason_code, text: row.reason_text ?? '' } : null,
    answeredAt: (row.answered_at ?? new Date(0)).toISOString(),
    status: row.answer_status ?? 'sent',
    rejection: row.rejection_code ? { code: row.rejection_code, reason: row.rejection_reason ?? '' } : null,
  };
}

const toHours = (row: HoursRow): CommunityHours => ({
  hoursId: row.hours_id,
  communityCode: row.community_code,
  workerId: row.worker_id,
  workerKind: row.worker_kind,
  organizationId: row.organization_id,
  activityId: row.activity_id,
  servedOn: row.served_day,
  minutes: row.minutes,
  confirmBy: row.confirm_by.toISOString(),
  answer: answerOf(row),
  settlement:
    row.settlement && row.settled_at
      ? { outcome: row.settlement, confirmedBy: row.confirmed_by, settledAt: row.settled_at.toISOString() }
      : null,
});

/** TypeORM returns [rows, count] for UPDATE … RETURNING on PostgreSQL. */
const returnedRows = (result: unknown[]) => (Array.isArray(result[0]) ? (result[0] as unknown[]) : result);

/** community_hours in the service's own schema. */
@Injectable()
export class PostgresHoursRepository extends HoursRepository {
  private readonly table: string;

  constructor(@Inject(getDataSourceToken()) private readonly dataSource: DataSource) {
    super();
    this.table = qualifiedTable(schemaNameOf(dataSource), 'community_hours');
  }

  async insert(manager: EntityManager, h: Omit<CommunityHours, 'answer' | 'settlement'>): Promise<void> {
    await manager.query(
      `INSERT INTO ${this.table} (hours_id, community_code, worker_id, worker_kind, organization_id, activity_id,
         served_on, minutes, confirm_by) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
       ON CONFLICT (hours_id) DO NOTHING`,
      [
        h.hoursId,
        h.communityCode,
        h.workerId,
        h.workerKind,
        h.organizationId,
        h.activityId,
        h.servedOn,
        h.minutes,
        h.confirmBy,
      ],
    );
  }

  async lock(manager: EntityManager, hoursId: string): Promise<CommunityHours | null> {
    const rows = await manager.query<HoursRow[]>(
      `SELECT *, served_on::text AS served_day FROM ${this.table} WHERE hours_id = $1 FOR UPDATE`,
      [hoursId],
    );
    return rows[0] ? toHours(rows[0]) : null;
  }

  async find(hoursId: string): Promise<CommunityHours | null> {
    const rows = await this.dataSource.query<HoursRow[]>(
      `SELECT *, served_on::text AS served_day FROM ${this.table} WHERE hours_id = $1`,
      [hoursId],
    );
    return rows[0] ? toHours(rows[0]) : null;
  }

  async saveAnswer(manager: EntityManager, hoursId: string, a: HoursAnswer): Promise<void> {
    await manager.query(
      `UPDATE ${this.table} SET answer = $2, answer_event_id = $3, answered_by_sub = $4, reason_code = $5,
         reason_text = $6, answered_at = $7, answer_status = $8 WHERE hours_id = $1`,
      [
        hoursId,
        a.kind,
        a.eventId,
        a.answeredBySub,
        a.reason?.code ?? null,
        a.reason?.text ?? null,
        a.answeredAt,
        a.status,
      ],
    );
  }

  async settle(manager: EntityManager, hoursId: string, s: HoursSettlement): Promise<boolean> {
    const result = await manager.query<unknown[]>(
      `UPDATE ${this.table} SET settlement = $2, confirmed_by = $3, settled_at = $4
        WHERE hours_id = $1 AND settlement IS NULL RETURNING hours_id`,
      [hoursId, s.outcome, s.confirmedBy, s.settledAt],
    );
    return returnedRows(result).length > 0;
  }

  async rejectAnswer(
    manager: EntityManager,
    eventId: string,
    rejection: { code: string; reason: string },
  ): Promise<boolean> {
    const result = await manager.query<unknown[]>(
      `UPDATE ${this.table} SET answer_status = 'rejected', rejection_code = $2, rejection_reason = $3
        WHERE answer_event_id = $1 RETURNING hours_id`,
      [eventId, rejection.code, rejection.reason],
    );
    return returnedRows(result).length > 0;
  }

  async listFor(communityCode: string, all: boolean): Promise<CommunityHours[]> {
    const rows = await this.dataSource.query<HoursRow[]>(
      `SELECT *, served_on::text AS served_day FROM ${this.table}
        WHERE community_code = $1
          AND ($2 OR (answer IS NULL AND settlement IS NULL AND confirm_by >= now()))
        ORDER BY served_on DESC, recorded_at DESC, hours_id`,
      [communityCode, all],
    );
    return rows.map(toHours);
  }
}
