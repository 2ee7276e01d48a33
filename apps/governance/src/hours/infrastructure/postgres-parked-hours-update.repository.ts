import { Inject, Injectable } from '@nestjs/common';
import { getDataSourceToken } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import type { EventType, SansheEvent } from '@sanshe/contracts';
import { qualifiedTable, schemaNameOf } from '@sanshe/persistence';
import { type ParkedHoursUpdate, ParkedHoursUpdateRepository } from '../domain/parked-hours-update.repository';

interface Row {
  seq: string;
  workflow_id: string;
  kind: ParkedHoursUpdate['kind'];
  request: ParkedHoursUpdate['request'];
  event: SansheEvent<EventType>;
}

/** parked_hours_update in governance's schema (migration 1795737600014). */
@Injectable()
export class PostgresParkedHoursUpdateRepository extends ParkedHoursUpdateRepository {
  private readonly schema: string;
  private readonly table: string;

  constructor(@Inject(getDataSourceToken()) dataSource: DataSource) {
    super();
    this.schema = schemaNameOf(dataSource);
    this.table = qualifiedTable(this.schema, 'parked_hours_update');
  }

  async lock(manager: EntityManager, workflowId: string): Promise<void> {
    await manager.query('SELECT pg_advisory_xact_lock(hashtextextended($1, 0))', [
      `${this.schema}:parked-hours:${workflowId}`,
    ]);
  }

  async park(manager: EntityManager, { workflowId, kind, request, event }: ParkedHoursUpdate): Promise<void> {
    await manager.query(
      `INSERT INTO ${this.table} (event_source, event_id, workflow_id, kind, request, event)
       VALUES ($1, $2, $3, $4, $5::jsonb, $6::jsonb)
       ON CONFLICT (event_source, event_id) DO NOTHING`,
      [event.source, event.id, workflowId, kind, JSON.stringify(request), JSON.stringify(event)],
    );
  }

  async takeFor(manager: EntityManager, workflowId: string): Promise<ParkedHoursUpdate[]> {
    const [rows] = await manager.query<[Row[], number]>(
      `DELETE FROM ${this.table} WHERE workflow_id = $1 RETURNING ${RETURNED}`,
      [workflowId],
    );
    return inArrivalOrder(rows);
  }

  async takeExpired(manager: EntityManager, maxAgeMs: number, limit: number): Promise<ParkedHoursUpdate[]> {
    const [rows] = await manager.query<[Row[], number]>(
      `DELETE FROM ${this.table}
        WHERE (event_source, event_id) IN (
          SELECT event_source, event_id FROM ${this.table}
           WHERE parked_at < now() - make_interval(secs => $1::double precision / 1000)
           ORDER BY seq LIMIT $2 FOR UPDATE SKIP LOCKED)
        RETURNING ${RETURNED}`,
      [maxAgeMs, limit],
    );
    return inArrivalOrder(rows);
  }
}

const RETURNED = 'seq, workflow_id, kind, request, event';

const inArrivalOrder = (rows: Row[]): ParkedHoursUpdate[] =>
  rows
    .sort((a, b) => (BigInt(a.seq) < BigInt(b.seq) ? -1 : 1))
    .map(
      (row) =>
        ({
          workflowId: row.workflow_id,
          kind: row.kind,
          request: row.request,
          event: row.event,
        }) as ParkedHoursUpdate,
    );
