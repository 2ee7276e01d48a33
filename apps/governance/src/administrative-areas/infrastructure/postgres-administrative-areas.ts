import { Inject, Injectable } from '@nestjs/common';
import { getDataSourceToken } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { qualifiedTable, schemaNameOf } from '@sanshe/persistence';
import {
  type AdministrativeArea,
  type AreaLevel,
  type AreaLineage,
  districtOfStreet,
  lineageFromCode,
} from '../domain/administrative-area';
import { AdministrativeAreas, type ReportedArea } from '../domain/administrative-areas';

interface AreaRow {
  code: string;
  level: AreaLevel;
  parent_code: string | null;
  name: string;
  population: number;
  revision: number;
  source_event_id: string;
  updated_at: Date;
}

const toArea = (row: AreaRow): AdministrativeArea => ({
  code: row.code,
  level: row.level,
  parentCode: row.parent_code,
  name: row.name,
  population: row.population,
  revision: row.revision,
  sourceEventId: row.source_event_id,
  updatedAt: row.updated_at,
});

/** administrative_area in governance's schema (migration 1795737600009). */
@Injectable()
export class PostgresAdministrativeAreas extends AdministrativeAreas {
  private readonly table: string;

  constructor(@Inject(getDataSourceToken()) private readonly dataSource: DataSource) {
    super();
    this.table = qualifiedTable(schemaNameOf(dataSource), 'administrative_area');
  }

  async lineage(communityCode: string): Promise<AreaLineage | null> {
    // The community's street from its row; the street's district from the street's row, else its code.
    const rows = await this.dataSource.query<{ street: string; district: string | null }[]>(
      `SELECT c.parent_code AS street, s.parent_code AS district
         FROM ${this.table} c LEFT JOIN ${this.table} s ON s.code = c.parent_code AND s.level = 'street'
        WHERE c.code = $1 AND c.level = 'community'`,
      [communityCode],
    );
    const row = rows[0];
    if (!row) return lineageFromCode(communityCode);
    const districtCode = row.district ?? districtOfStreet(row.street);
    return districtCode === null ? null : { communityCode, streetCode: row.street, districtCode };
  }

  async streets(): Promise<{ streetCode: string; districtCode: string }[]> {
    const rows = await this.dataSource.query<{ code: string; parent_code: string }[]>(
      `SELECT code, parent_code FROM ${this.table} WHERE level = 'street' ORDER BY code`,
    );
    return rows.map((row) => ({ streetCode: row.code, districtCode: row.parent_code }));
  }

  async districts(): Promise<string[]> {
    const rows = await this.dataSource.query<{ code: string }[]>(
      `SELECT code FROM ${this.table} WHERE level = 'district' ORDER BY code`,
    );
    return rows.map((row) => row.code);
  }

  async find(code: string): Promise<AdministrativeArea | null> {
    const rows = await this.dataSource.query<AreaRow[]>(`SELECT * FROM ${this.table} WHERE code = $1`, [code]);
    return rows[0] ? toArea(rows[0]) : null;
  }

  async record(manager: EntityManager, area: ReportedArea): Promise<'recorded' | 'ignored'> {
    // Newer revision wins, atomically: concurrent deliveries of two revisions leave the higher one.
    const rows = await manager.query<{ code: string }[]>(
      `INSERT INTO ${this.table} AS stored
              (code, level, parent_code, name, population, revision, source_event_id)
       VALUES ($1, $2, $3, $4, $5, $6, $7)
       ON CONFLICT (code) DO UPDATE
          SET level = EXCLUDED.level, parent_code = EXCLUDED.parent_code, name = EXCLUDED.name,
              population = EXCLUDED.population, revision = EXCLUDED.revision,
              source_event_id = EXCLUDED.source_event_id, updated_at = now()
        WHERE stored.revision < EXCLUDED.revision
       RETURNING code`,
      [area.code, area.level, area.parentCode, area.name, area.population, area.revision, area.sourceEventId],
    );
    return rows.length > 0 ? 'recorded' : 'ignored';
  }
}
