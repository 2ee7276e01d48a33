import { Inject, Injectable } from '@nestjs/common';
import { getDataSourceToken } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import type { RecognitionCode } from '@sanshe/contracts';
import { qualifiedTable, schemaNameOf } from '@sanshe/persistence';
import type { RewardCauseType, RewardEntry, RewardEntryKind, StoredRewardEntry } from '../domain/reward-entry';
import { RewardRepository } from '../domain/reward.repository';

interface EntryRow {
  entry_id: string;
  worker_id: string;
  kind: RewardEntryKind;
  points: number;
  cause_type: RewardCauseType;
  cause_id: string;
  recognition: RecognitionCode | null;
  recognition_year: number | null;
  note: string | null;
  rule_version: number;
  recorded_by: string;
  at: Date;
}

const toEntry = (row: EntryRow): StoredRewardEntry => ({
  entryId: String(row.entry_id),
  workerId: row.worker_id,
  kind: row.kind,
  points: row.points,
  cause: { type: row.cause_type, id: row.cause_id },
  recognition: row.recognition,
  recognitionYear: row.recognition_year,
  note: row.note,
  ruleVersion: row.rule_version,
  recordedBy: row.recorded_by,
  at: row.at.toISOString(),
});

/** The advisory-lock namespace of workers' ledgers (the single-bigint key space; the outbox uses two ints). */
const LEDGER_LOCK = 'talent.reward_entry:';

@Injectable()
export class PostgresRewardRepository extends RewardRepository {
  private readonly entries: string;
  /** The assignments feature's table (talent.assignment). */
  private readonly assignments: string;

  constructor(@Inject(getDataSourceToken()) private readonly dataSource: DataSource) {
    super();
    const schema = schemaNameOf(dataSource);
    this.entries = qualifiedTable(schema, 'reward_entry');
    this.assignments = qualifiedTable(schema, 'assignment');
  }

  async lockWorker(manager: EntityManager, workerId: string): Promise<void> {
    await manager.query(`SELECT pg_advisory_xact_lock(hashtextextended($1, 0))`, [LEDGER_LOCK + workerId]);
  }

  async append(manager: EntityManager, entry: RewardEntry): Promise<boolean> {
    const rows = await manager.query<unknown[]>(
      `INSERT INTO ${this.entries} (worker_id, kind, points, cause_type, cause_id, recognition, recognition_year,
         note, rule_version, recorded_by)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) ON CONFLICT DO NOTHING RETURNING entry_id`,
      [
        entry.workerId,
        entry.kind,
        entry.points,
        entry.cause.type,
        entry.cause.id,
        entry.recognition,
        entry.recognitionYear,
        entry.note,
        entry.ruleVersion,
        entry.recordedBy,
      ],
    );
    return rows.length > 0;
  }

  async balance(manager: EntityManager, workerId: string): Promise<number> {
    const [row] = await manager.query<{ balance: string }[]>(
      `SELECT coalesce(sum(points), 0) AS balance FROM ${this.entries} WHERE worker_id = $1`,
      [workerId],
    );
    return Number(row?.balance ?? 0);
  }

  async recognitionsOf(manager: EntityManager, workerId: string): Promise<Set<string>> {
    const rows = await manager.query<{ recognition: string; recognition_year: number | null }[]>(
      `SELECT recognition, recognition_year FROM ${this.entries} WHERE worker_id = $1 AND kind = 'recognition'`,
      [workerId],
    );
    return new Set(rows.map((r) => (r.recognition_year ? `${r.recognition}:${r.recognition_year}` : r.recognition)));
  }

  async entriesOf(workerId: string): Promise<StoredRewardEntry[]> {
    const rows = await this.dataSource.query<EntryRow[]>(
      `SELECT * FROM ${this.entries} WHERE worker_id = $1 ORDER BY entry_id`,
      [workerId],
    );
    return rows.map(toEntry);
  }

  async workersAssignedTo(manager: EntityManager, activityId: string): Promise<string[]> {
    const rows = await manager.query<{ worker_id: string }[]>(
      `SELECT DISTINCT worker_id FROM ${this.assignments}
        WHERE activity_id = $1 AND status = 'active' ORDER BY worker_id`,
      [activityId],
    );
    return rows.map((row) => row.worker_id);
  }
}
