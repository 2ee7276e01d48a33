import { Inject, Injectable } from '@nestjs/common';
import { getDataSourceToken } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { qualifiedTable, schemaNameOf } from '@sanshe/persistence';
import type { MatchEffect, Need, NeedCategory, NeedCloseReason, NeedPriority, NeedStatus } from '../domain/need';
import { type NeedFilter, NeedRepository, type StoredNeed } from '../domain/need.repository';

interface NeedRow {
  need_id: string;
  community_code: string;
  category: NeedCategory;
  title: string;
  description: string;
  target_group: string;
  expected_size: number;
  priority: NeedPriority;
  period_from: string;
  period_to: string;
  status: NeedStatus;
  matched_proposal_id: string | null;
  matched_decision_id: string | null;
  matched_organization_id: string | null;
  closed_reason: NeedCloseReason | null;
  closed_note: string | null;
  created_by: string;
  created_at: Date;
}

// Dates as text, so a period is the calendar day that was published whatever the session's time zone.
const COLUMNS = `need_id, community_code, category, title, description, target_group, expected_size, priority,
  period_from::text AS period_from, period_to::text AS period_to, status, matched_proposal_id, matched_decision_id,
  matched_organization_id, closed_reason, closed_note, created_by, created_at`;

const toNeed = (row: NeedRow): Need => ({
  needId: row.need_id,
  communityCode: row.community_code,
  category: row.category,
  title: row.title,
  description: row.description,
  targetGroup: row.target_group,
  expectedSize: row.expected_size,
  priority: row.priority,
  period: { from: row.period_from, to: row.period_to },
  status: row.status,
  match:
    row.matched_decision_id === null
      ? null
      : {
          proposalId: row.matched_proposal_id!,
          decisionId: row.matched_decision_id,
          organizationId: row.matched_organization_id!,
        },
  closed: row.closed_reason === null ? null : { reason: row.closed_reason, note: row.closed_note },
});

const toStored = (row: NeedRow): StoredNeed => ({
  need: toNeed(row),
  createdBy: row.created_by,
  createdAt: row.created_at,
});

/** need and need_match in the community's schema (the data source's), in plain SQL like the outbox. */
@Injectable()
export class PostgresNeedRepository extends NeedRepository {
  private readonly needs: string;
  private readonly matches: string;
  private readonly areas: string;

  constructor(@Inject(getDataSourceToken()) private readonly dataSource: DataSource) {
    super();
    const schema = schemaNameOf(dataSource);
    this.needs = qualifiedTable(schema, 'need');
    this.matches = qualifiedTable(schema, 'need_match');
    this.areas = qualifiedTable(schema, 'administrative_area');
  }

  async communityExists(manager: EntityManager, communityCode: string): Promise<boolean> {
    const rows = await manager.query<unknown[]>(
      `SELECT 1 FROM ${this.areas} WHERE code = $1 AND level = 'community' FOR KEY SHARE`,
      [communityCode],
    );
    return rows.length > 0;
  }

  async insert(manager: EntityManager, need: Need, createdBy: string): Promise<void> {
    await manager.query(
      `INSERT INTO ${this.needs} (need_id, community_code, category, title, description, target_group, expected_size,
         priority, period_from, period_to, status, created_by)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)`,
      [
        need.needId,
        need.communityCode,
        need.category,
        need.title,
        need.description,
        need.targetGroup,
        need.expectedSize,
        need.priority,
        need.period.from,
        need.period.to,
        need.status,
        createdBy,
      ],
    );
  }

  async lock(manager: EntityManager, needId: string): Promise<Need | null> {
    const rows = await manager.query<NeedRow[]>(`SELECT ${COLUMNS} FROM ${this.needs} WHERE need_id = $1 FOR UPDATE`, [
      needId,
    ]);
    return rows[0] ? toNeed(rows[0]) : null;
  }

  async update(manager: EntityManager, need: Need): Promise<void> {
    await manager.query(
      `UPDATE ${this.needs}
          SET status = $2, matched_proposal_id = $3, matched_decision_id = $4, matched_organization_id = $5,
              closed_reason = $6, closed_note = $7
        WHERE need_id = $1`,
      [
        need.needId,
        need.status,
        need.match?.proposalId ?? null,
        need.match?.decisionId ?? null,
        need.match?.organizationId ?? null,
        need.closed?.reason ?? null,
        need.closed?.note ?? null,
      ],
    );
  }

  async find(needId: string): Promise<StoredNeed | null> {
    const rows = await this.dataSource.query<NeedRow[]>(`SELECT ${COLUMNS} FROM ${this.needs} WHERE need_id = $1`, [
      needId,
    ]);
    return rows[0] ? toStored(rows[0]) : null;
  }

  async list({ communityCode, status, category }: NeedFilter): Promise<StoredNeed[]> {
    const where: string[] = [];
    const params: unknown[] = [];
    if (communityCode !== undefined) where.push(`community_code = $${params.push(communityCode)}`);
    if (status !== undefined) where.push(`status = $${params.push(status)}`);
    if (category !== undefined) where.push(`category = $${params.push(category)}`);
    const rows = await this.dataSource.query<NeedRow[]>(
      `SELECT ${COLUMNS} FROM ${this.needs} ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
        ORDER BY created_at DESC, need_id LIMIT 500`,
      params,
    );
    return rows.map(toStored);
  }

  async recordMatch(
    manager: EntityManager,
    match: { decisionId: string; needId: string; proposalId: string; effect: MatchEffect | 'unknown-need' },
  ): Promise<boolean> {
    const rows = await manager.query<unknown[]>(
      `INSERT INTO ${this.matches} (decision_id, need_id, proposal_id, effect) VALUES ($1, $2, $3, $4)
       ON CONFLICT (decision_id) DO NOTHING RETURNING decision_id`,
      [match.decisionId, match.needId, match.proposalId, match.effect],
    );
    return rows.length === 1;
  }

  async matchRecorded(manager: EntityManager, decisionId: string): Promise<boolean> {
    const rows = await manager.query<unknown[]>(`SELECT 1 FROM ${this.matches} WHERE decision_id = $1`, [decisionId]);
    return rows.length > 0;
  }
}
