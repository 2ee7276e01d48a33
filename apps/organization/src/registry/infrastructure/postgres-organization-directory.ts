import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { qualifiedTable, schemaNameOf } from '@sanshe/persistence';
import { type DirectoryEntry, OrganizationDirectory } from '../domain/organization-directory';

interface DirectoryRow {
  organization_id: string;
  status: DirectoryEntry['status'];
  type: DirectoryEntry['type'];
  communities_served: string[];
  grade: DirectoryEntry['grade'];
}

/** Reads the registry's table; the grade counts only while its validity lasts (today in PostgreSQL's clock). */
@Injectable()
export class PostgresOrganizationDirectory extends OrganizationDirectory {
  private readonly table: string;

  constructor(private readonly dataSource: DataSource) {
    super();
    this.table = qualifiedTable(schemaNameOf(dataSource), 'organization');
  }

  async find(organizationId: string, manager?: EntityManager): Promise<DirectoryEntry | null> {
    const runner = manager ?? this.dataSource.manager;
    const rows = await runner.query<DirectoryRow[]>(
      `SELECT organization_id, status, type, communities_served,
              CASE WHEN grade_valid_until >= current_date THEN grade END AS grade
         FROM ${this.table} WHERE organization_id = $1`,
      [organizationId],
    );
    const row = rows[0];
    if (!row) return null;
    return {
      organizationId: row.organization_id,
      status: row.status,
      type: row.type,
      communitiesServed: row.communities_served,
      grade: row.grade,
    };
  }
}
