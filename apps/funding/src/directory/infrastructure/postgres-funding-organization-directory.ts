import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { qualifiedTable, schemaNameOf } from '@sanshe/persistence';
import { type FundingOrganization, FundingOrganizationDirectory } from '../domain/funding-organization';

interface OrganizationRow {
  organization_id: string;
  type: FundingOrganization['type'];
  status: string;
  grade: FundingOrganization['grade'];
  grade_valid_until: string | null;
  registration_district_code: string;
  communities_served: string[];
  revision: number;
}

/** The funding_organization table; an older revision than the one kept changes nothing. */
@Injectable()
export class PostgresFundingOrganizationDirectory extends FundingOrganizationDirectory {
  private readonly table: string;

  constructor(private readonly dataSource: DataSource) {
    super();
    this.table = qualifiedTable(schemaNameOf(dataSource), 'funding_organization');
  }

  async find(organizationId: string, manager?: EntityManager): Promise<FundingOrganization | null> {
    const rows = await (manager ?? this.dataSource.manager).query<OrganizationRow[]>(
      `SELECT organization_id, type, status, grade, to_char(grade_valid_until, 'YYYY-MM-DD') AS grade_valid_until,
              registration_district_code, communities_served, revision
         FROM ${this.table} WHERE organization_id = $1`,
      [organizationId],
    );
    const row = rows[0];
    if (!row) return null;
    return {
      organizationId: row.organization_id,
      type: row.type,
      status: row.status,
      grade: row.grade,
      gradeValidUntil: row.grade_valid_until,
      registrationDistrictCode: row.registration_district_code,
      communitiesServed: row.communities_served,
      revision: row.revision,
    };
  }

  async keep(manager: EntityManager, organization: FundingOrganization): Promise<boolean> {
    const o = organization;
    const stored = await manager.query<unknown[]>(
      `INSERT INTO ${this.table} AS kept (organization_id, type, status, grade, grade_valid_until,
                                          registration_district_code, communities_served, revision)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
       ON CONFLICT (organization_id) DO UPDATE
          SET type = excluded.type, status = excluded.status, grade = excluded.grade,
              grade_valid_until = excluded.grade_valid_until,
              registration_district_code = excluded.registration_district_code,
              communities_served = excluded.communities_served, revision = excluded.revision, updated_at = now()
        WHERE kept.revision < excluded.revision
       RETURNING organization_id`,
      [
        o.organizationId,
        o.type,
        o.status,
        o.grade,
        o.gradeValidUntil,
        o.registrationDistrictCode,
        o.communitiesServed,
        o.revision,
      ],
    );
    return stored.length === 1;
  }
}
