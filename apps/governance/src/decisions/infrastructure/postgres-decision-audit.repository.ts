import { isDeepStrictEqual } from 'node:util';
import { Inject, Injectable } from '@nestjs/common';
import { getDataSourceToken } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { qualifiedTable, schemaNameOf } from '@sanshe/persistence';
import { auditProblem, type ClosedDecision, type DecisionAuditRecord } from '../domain/decision-audit';
import { BrokenAuditChainError, ConflictingAuditError } from '../domain/decision-audit-errors';
import { DecisionAuditRepository, type UnclosedStatus } from '../domain/decision-audit.repository';

interface ClosedRow {
  decision_id: string;
  kind: string;
  subject_id: string;
  community_code: string;
  title: string;
  outcome: ClosedDecision['outcome'];
  head_hash: string;
  length: number;
}

interface RecordRow {
  seq: number;
  at: Date;
  entry: DecisionAuditRecord['entry'];
  prev_hash: string;
  hash: string;
}

const toClosed = (row: ClosedRow): ClosedDecision => ({
  decisionId: row.decision_id,
  kind: row.kind,
  subjectId: row.subject_id,
  communityCode: row.community_code,
  title: row.title,
  outcome: row.outcome,
  headHash: row.head_hash,
  length: row.length,
});

/** `at` is stored as timestamptz: read back in the workflow's own format (toISOString), as it was hashed. */
const toRecord = (row: RecordRow): DecisionAuditRecord => ({
  seq: row.seq,
  at: row.at.toISOString(),
  entry: row.entry,
  prevHash: row.prev_hash,
  hash: row.hash,
});

/** closed_decision and decision_audit_record in governance's schema (migration 1795737600007). */
@Injectable()
export class PostgresDecisionAuditRepository extends DecisionAuditRepository {
  private readonly closedTable: string;
  private readonly records: string;
  private readonly pending: string;

  constructor(@Inject(getDataSourceToken()) private readonly dataSource: DataSource) {
    super();
    const schema = schemaNameOf(dataSource);
    this.closedTable = qualifiedTable(schema, 'closed_decision');
    this.records = qualifiedTable(schema, 'decision_audit_record');
    this.pending = qualifiedTable(schema, 'pending_decision');
  }

  /**
   * Verifies, inserts what is missing (ON CONFLICT DO NOTHING: a concurrent or retried store of the
   * same trail is no change), then reads back what is stored and refuses if it is not what was offered.
   * A refusal throws inside the caller's transaction, which therefore stores nothing.
   */
  async store(manager: EntityManager, closed: ClosedDecision, trail: readonly DecisionAuditRecord[]): Promise<void> {
    const problem = auditProblem(closed, trail) ?? nonCanonicalTime(trail);
    if (problem) throw new BrokenAuditChainError(closed.decisionId, problem);
    await manager.query(
      `INSERT INTO ${this.closedTable}
         (decision_id, kind, subject_id, community_code, title, outcome, head_hash, length, closed_at)
       VALUES ($1, $2, $3, $4, $5, $6::jsonb, $7, $8, $9) ON CONFLICT (decision_id) DO NOTHING`,
      [
        closed.decisionId,
        closed.kind,
        closed.subjectId,
        closed.communityCode,
        closed.title,
        JSON.stringify(closed.outcome),
        closed.headHash,
        closed.length,
        trail.at(-1)?.at, // the outcome's record: auditProblem checked it is there
      ],
    );
    await manager.query(
      `INSERT INTO ${this.records} (decision_id, seq, at, entry, prev_hash, hash)
       SELECT $1, r.seq, r.at, r.entry, r."prevHash", r.hash
         FROM jsonb_to_recordset($2::jsonb) AS r(seq int, at timestamptz, entry jsonb, "prevHash" text, hash text)
       ON CONFLICT (decision_id, seq) DO NOTHING`,
      [closed.decisionId, JSON.stringify(trail)],
    );
    const stored = await this.closedIn(manager, closed.decisionId);
    const storedTrail = await this.trailIn(manager, closed.decisionId);
    if (!isDeepStrictEqual(stored, asStoredJson(closed)) || !isDeepStrictEqual(storedTrail, asStoredJson(trail)))
      throw new ConflictingAuditError(closed.decisionId, 'a different trail is stored for it');
  }

  closed(decisionId: string): Promise<ClosedDecision | null> {
    return this.closedIn(this.dataSource.manager, decisionId);
  }

  trail(decisionId: string): Promise<DecisionAuditRecord[]> {
    return this.trailIn(this.dataSource.manager, decisionId);
  }

  async statusOfUnclosed(decisionId: string): Promise<UnclosedStatus> {
    const rows = await this.dataSource.query<unknown[]>(`SELECT 1 FROM ${this.pending} WHERE decision_id = $1`, [
      decisionId,
    ]);
    return rows.length > 0 ? 'open' : 'unknown';
  }

  async closedIds(after: string, batch: number): Promise<string[]> {
    const rows = await this.dataSource.query<{ decision_id: string }[]>(
      `SELECT decision_id FROM ${this.closedTable} WHERE decision_id > $1 ORDER BY decision_id LIMIT $2`,
      [after, batch],
    );
    return rows.map((row) => row.decision_id);
  }

  private async closedIn(manager: EntityManager, decisionId: string): Promise<ClosedDecision | null> {
    const rows = await manager.query<ClosedRow[]>(
      `SELECT decision_id, kind, subject_id, community_code, title, outcome, head_hash, length
         FROM ${this.closedTable} WHERE decision_id = $1`,
      [decisionId],
    );
    return rows[0] ? toClosed(rows[0]) : null;
  }

  private async trailIn(manager: EntityManager, decisionId: string): Promise<DecisionAuditRecord[]> {
    const rows = await manager.query<RecordRow[]>(
      `SELECT seq, at, entry, prev_hash, hash FROM ${this.records} WHERE decision_id = $1 ORDER BY seq`,
      [decisionId],
    );
    return rows.map(toRecord);
  }
}

/** As JSON keeps it: undefined properties dropped, as jsonb reads back. */
const asStoredJson = <T>(value: T): T => JSON.parse(JSON.stringify(value)) as T;

/** A time the workflow did not write (it writes toISOString()) would not read back as it was hashed. */
function nonCanonicalTime(trail: readonly DecisionAuditRecord[]): string | null {
  const odd = trail.find((record) => {
    const ms = Date.parse(record.at);
    return Number.isNaN(ms) || new Date(ms).toISOString() !== record.at;
  });
  return odd ? `record ${odd.seq} has a time not in ISO-8601 UTC form: ${odd.at}` : null;
}
