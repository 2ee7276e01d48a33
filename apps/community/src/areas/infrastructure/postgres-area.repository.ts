import { Inject, Injectable } from '@nestjs/common';
import { getDataSourceToken } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { qualifiedTable, schemaNameOf } from '@sanshe/persistence';
import type { AdministrativeArea, AreaLevel, ServiceArea } from '../domain/administrative-area';
import { AreaRepository, type StoredArea } from '../domain/area.repository';

interface AreaRow {
  code: string;
  level: AreaLevel;
  parent_code: string | null;
  name: string;
  population: number;
  households: number | null;
  service_area: ServiceArea;
  revision: number;
  updated_at: Date;
}

const toArea = (row: AreaRow): StoredArea => ({
  code: row.code,
  level: row.level,
  parentCode: row.parent_code,
  name: row.name,
  population: row.population,
  ...(row.households === null ? {} : { households: row.households }),
  serviceArea: row.service_area,
  revision: row.revision,
  updatedAt: row.updated_at,
});

/** administrative_area in the service's own schema, in plain SQL. */
@Injectable()
export class PostgresAreaRepository extends AreaRepository {
  private readonly table: string;

  constructor(@Inject(getDataSourceToken()) private readonly dataSource: DataSource) {
    super();
    this.table = qualifiedTable(schemaNameOf(dataSource), 'administrative_area');
  }

  async lockForChange(manager: EntityManager, code: string): Promise<AdministrativeArea | null> {
    // Two first PUTs of one code would both find nothing: the advisory lock makes the second wait and see the first.
    await manager.query(`SELECT pg_advisory_xact_lock(hashtextextended($1, 0))`, [`administrative-area:${code}`]);
    const rows = await manager.query<AreaRow[]>(`SELECT * FROM ${this.table} WHERE code = $1 FOR UPDATE`, [code]);
    return rows[0] ? toArea(rows[0]) : null;
  }

  async save(manager: EntityManager, area: AdministrativeArea): Promise<void> {
    await manager.query(
      `INSERT INTO ${this.table} (code, level, parent_code, name, population, households, service_area, revision)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
       ON CONFLICT (code) DO UPDATE SET name = $4, population = $5, households = $6, service_area = $7,
         revision = $8, updated_at = now()`,
      [
        area.code,
        area.level,
        area.parentCode,
        area.name,
        area.population,
        area.households ?? null,
        JSON.stringify(area.serviceArea),
        area.revision,
      ],
    );
  }

  async find(code: string, manager: EntityManager = this.dataSource.manager): Promise<StoredArea | null> {
    const rows = await manager.query<AreaRow[]>(`SELECT * FROM ${this.table} WHERE code = $1`, [code]);
    return rows[0] ? toArea(rows[0]) : null;
  }

  async list(level: AreaLevel, parentCode?: string): Promise<StoredArea[]> {
    const rows = await this.dataSource.query<AreaRow[]>(
      `SELECT * FROM ${this.table} WHERE level = $1 AND ($2::text IS NULL OR parent_code = $2) ORDER BY code`,
      [level, parentCode ?? null],
    );
    return rows.map(toArea);
  }
}
