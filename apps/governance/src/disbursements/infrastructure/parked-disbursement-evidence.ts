import { Inject, Injectable } from '@nestjs/common';
import { getDataSourceToken } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import type { EventType, SansheEvent } from '@sanshe/contracts';
import { qualifiedTable, schemaNameOf } from '@sanshe/persistence';
import { disbursementWorkflowId, type EvidenceSubmission } from '@sanshe/workflows';

export interface ParkedEvidence {
  workflowId: string;
  submission: EvidenceSubmission;
  event: SansheEvent<EventType>;
}

/** parked_disbursement_evidence in governance's schema (migration 1795737600019). */
@Injectable()
export class ParkedDisbursementEvidence {
  private readonly schema: string;
  private readonly table: string;

  constructor(@Inject(getDataSourceToken()) private readonly dataSource: DataSource) {
    this.schema = schemaNameOf(dataSource);
    this.table = qualifiedTable(this.schema, 'parked_disbursement_evidence');
  }

  /** Serializes parking and the start's taking for one workflow: nothing parks between a miss and a start. */
  async lock(manager: EntityManager, workflowId: string): Promise<void> {
    await manager.query('SELECT pg_advisory_xact_lock(hashtextextended($1, 0))', [
      `${this.schema}:parked-disbursement:${workflowId}`,
    ]);
  }

  async park(manager: EntityManager, { workflowId, submission, event }: ParkedEvidence): Promise<void> {
    await manager.query(
      `INSERT INTO ${this.table} (event_source, event_id, workflow_id, submission, event)
       VALUES ($1, $2, $3, $4::jsonb, $5::jsonb) ON CONFLICT (event_source, event_id) DO NOTHING`,
      [event.source, event.id, workflowId, JSON.stringify(submission), JSON.stringify(event)],
    );
  }

  /** The grants with parked evidence, those parked longest first. */
  async grantsWaiting(limit: number): Promise<string[]> {
    const rows = (await this.dataSource.query(
      `SELECT workflow_id FROM ${this.table} GROUP BY workflow_id ORDER BY min(seq) LIMIT $1`,
      [limit],
    )) as { workflow_id: string }[];
    return rows.map((row) => row.workflow_id.slice(disbursementWorkflowId('').length));
  }

  /** Removes and answers the workflow's parked evidence, in arrival order. */
  async takeFor(manager: EntityManager, workflowId: string): Promise<ParkedEvidence[]> {
    const [rows] = await manager.query<[{ seq: string; submission: EvidenceSubmission; event: SansheEvent }[], number]>(
      `DELETE FROM ${this.table} WHERE workflow_id = $1 RETURNING seq, submission, event`,
      [workflowId],
    );
    return rows
      .sort((a, b) => (BigInt(a.seq) < BigInt(b.seq) ? -1 : 1))
      .map(({ submission, event }) => ({ workflowId, submission, event }));
  }

  /**
   * Removes and answers up to `limit` pieces of evidence parked longer than `maxAgeMs`, oldest first. Rows a
   * start is taking, or another governance instance is expiring, are skipped (FOR UPDATE SKIP LOCKED).
   */
  async takeExpired(manager: EntityManager, maxAgeMs: number, limit: number): Promise<ParkedEvidence[]> {
    const [rows] = await manager.query<[ParkedRow[], number]>(
      `DELETE FROM ${this.table} WHERE (event_source, event_id) IN (
         SELECT event_source, event_id FROM ${this.table}
         WHERE parked_at < now() - $1 * interval '1 millisecond' ORDER BY seq LIMIT $2 FOR UPDATE SKIP LOCKED)
       RETURNING seq, workflow_id, submission, event`,
      [maxAgeMs, limit],
    );
    return rows
      .sort((a, b) => (BigInt(a.seq) < BigInt(b.seq) ? -1 : 1))
      .map(({ workflow_id, submission, event }) => ({ workflowId: workflow_id, submission, event }));
  }
}

interface ParkedRow {
  seq: string;
  workflow_id: string;
  submission: EvidenceSubmission;
  event: SansheEvent;
}
