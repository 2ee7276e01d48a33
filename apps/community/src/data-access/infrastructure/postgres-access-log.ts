import { Inject, Injectable } from '@nestjs/common';
import { getDataSourceToken } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import type { PersonalField } from '@sanshe/contracts';
import { qualifiedTable, schemaNameOf } from '@sanshe/persistence';
import {
  ACCESS_LOG_PAGE,
  AccessLog,
  type AccessLogEntry,
  type AccessLogQuery,
  type LoggedAccess,
} from '../domain/access-log';

interface LogRow {
  log_id: string;
  at: Date;
  actor_sub: string;
  actor_parties: string[];
  grant_id: string;
  resident_id: string;
  community_code: string;
  fields: PersonalField[];
  result: 'granted' | 'refused';
  reason: string | null;
}

/**
 * access_log in the community's schema. Appends run on the data source itself, outside any caller's
 * transaction, so each row commits on its own: a refusal that rolls back nothing else is still logged.
 */
@Injectable()
export class PostgresAccessLog extends AccessLog {
  private readonly table: string;

  constructor(@Inject(getDataSourceToken()) private readonly dataSource: DataSource) {
    super();
    this.table = qualifiedTable(schemaNameOf(dataSource), 'access_log');
  }

  async append(entry: AccessLogEntry): Promise<void> {
    await this.dataSource.query(
      `INSERT INTO ${this.table} (actor_sub, actor_parties, grant_id, resident_id, community_code, fields, result, reason)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
      [
        entry.actorSub,
        [...entry.actorParties],
        entry.grantId,
        entry.residentId,
        entry.communityCode,
        [...entry.fields],
        entry.result,
        entry.reason,
      ],
    );
  }

  async find({ communityCode, residentId, grantId, from, to }: AccessLogQuery): Promise<LoggedAccess[]> {
    const where: string[] = [];
    const params: unknown[] = [];
    const filter = (condition: string, value: unknown) => {
      params.push(value);
      where.push(condition.replace('?', `$${params.length}`));
    };
    if (communityCode) filter('community_code = ?', communityCode);
    if (residentId) filter('resident_id = ?', residentId);
    if (grantId) filter('grant_id = ?', grantId);
    if (from) filter('at >= ?', from);
    if (to) filter('at < ?', to);
    const rows = await this.dataSource.query<LogRow[]>(
      `SELECT * FROM ${this.table} ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
        ORDER BY log_id LIMIT ${ACCESS_LOG_PAGE}`,
      params,
    );
    return rows.map((row) => ({
      logId: row.log_id,
      at: row.at,
      actorSub: row.actor_sub,
      actorParties: row.actor_parties,
      grantId: row.grant_id,
      residentId: row.resident_id,
      communityCode: row.community_code,
      fields: row.fields,
      result: row.result,
      reason: row.reason,
    }));
  }
}
