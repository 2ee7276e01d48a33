import { Inject, Injectable } from '@nestjs/common';
import { getDataSourceToken } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import type { EventType, SansheEvent } from '@sanshe/contracts';
import { qualifiedTable, schemaNameOf } from '@sanshe/persistence';
import { type ParkedUpdate, ParkedUpdateRepository } from '../domain/parked-update.repository';

interface Row {
  seq: string;
  decision_id: string;
  kind: ParkedUpdate['kind'];
  request: object;
  event: SansheEvent<EventType>;
  broker_time: Date | null;
}

const RETURNED = 'seq, decision_id, kind, request, event, broker_time';

/** Oldest first: `seq` is a bigint, returned as text. */
const inArrivalOrder = (rows: Row[]): ParkedUpdate[] =>
  rows
    .sort((a, b) => (BigInt(a.seq) < BigInt(b.seq) ? -1 : 1))
    .map((row) => ({
      decisionId: row.decision_id,
      kind: row.kind,
      request: row.request,
      event: row.event,
      ...(row.broker_time ? { brokerTime: row.broker_time.getTime() } : {}),
    }));

/** parked_decision_update in governance's schema (migration 1795737600008). */
@Injectable()
export class PostgresParkedUpdateRepository extends ParkedUpdateRepository {
  private readonly schema: string;
  private readonly table: string;

  constructor(@Inject(getDataSourceToken()) dataSource: DataSource) {
    super();
    this.schema = schemaNameOf(dataSource);
    this.table = qualifiedTable(this.schema, 'parked_decision_update');
  }

  async lockDecision(manager: EntityManager, decisionId: string): Promise<void> {
    await manager.query('SELECT pg_advisory_xact_lock(hashtextextended($1, 0))', [
      `${this.schema}:parked-updates:${decisionId}`,
    ]);
  }

  async park(manager: EntityManager, { decisionId, kind, request, event, brokerTime }: ParkedUpdate): Promise<void> {
    await manager.query(
      `INSERT INTO ${this.table} (event_source, event_id, decision_id, kind, request, event, broker_time)
       VALUES ($1, $2, $3, $4, $5::jsonb, $6::jsonb, $7)
       ON CONFLICT (event_source, event_id) DO NOTHING`,
      [
        event.source,
        event.id,
        decisionId,
        kind,
        JSON.stringify(request),
        JSON.stringify(event),
        brokerTime === undefined ? null : new Date(brokerTime),
      ],
    );
  }

  async takeFor(manager: EntityManager, decisionId: string): Promise<ParkedUpdate[]> {
    const [rows] = await manager.query<[Row[], number]>(
      `DELETE FROM ${this.table} WHERE decision_id = $1 RETURNING ${RETURNED}`,
      [decisionId],
    );
    return inArrivalOrder(rows);
  }

  async takeExpired(manager: EntityManager, maxAgeMs: number, limit: number): Promise<ParkedUpdate[]> {
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
