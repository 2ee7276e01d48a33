import { Inject, Injectable } from '@nestjs/common';
import { getDataSourceToken } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { ORGANIZATION_GRADES } from '@sanshe/contracts';
import { qualifiedTable, schemaNameOf } from '@sanshe/persistence';
import type { Organization } from '../domain/organization';
import {
  type OrganizationFilter,
  OrganizationRepository,
  type StatusChange,
  type StoredOrganization,
} from '../domain/organization.repository';
import { CreditCodeTaken } from '../domain/registry-errors';

interface OrganizationRow {
  organization_id: string;
  name: string;
  type: Organization['type'];
  credit_code: string | null;
  legal_rep_name: string;
  legal_rep_title: string | null;
  registration_district_code: string;
  status: Organization['status'];
  communities_served: string[];
  grade: NonNullable<Organization['grade']>['grade'] | null;
  grade_assessed_on: string | null;
  grade_valid_until: string | null;
  grade_ref: string | null;
  mentor_organization_id: string | null;
  incubated_since: string | null;
  revision: number;
  created_by: string;
  updated_at: Date;
}

// Dates as YYYY-MM-DD text: a JS Date would shift them by the server's time zone.
const COLUMNS = `organization_id, name, type, credit_code, legal_rep_name, legal_rep_title, registration_district_code,
  status, communities_served, grade, grade_assessed_on::text, grade_valid_until::text, grade_ref,
  mentor_organization_id, incubated_since::text, revision, created_by, updated_at`;

const toOrganization = (row: OrganizationRow): StoredOrganization => ({
  organizationId: row.organization_id,
  name: row.name,
  type: row.type,
  creditCode: row.credit_code,
  legalRepresentative: { name: row.legal_rep_name, ...(row.legal_rep_title ? { title: row.legal_rep_title } : {}) },
  registrationDistrictCode: row.registration_district_code,
  status: row.status,
  communitiesServed: row.communities_served,
  grade:
    row.grade && row.grade_assessed_on && row.grade_valid_until
      ? {
          grade: row.grade,
          assessedOn: row.grade_assessed_on,
          validUntil: row.grade_valid_until,
          ref: row.grade_ref ?? '',
        }
      : null,
  mentorOrganizationId: row.mentor_organization_id,
  incubatedSince: row.incubated_since,
  revision: row.revision,
  createdBy: row.created_by,
  updatedAt: row.updated_at,
});

const isCreditCodeTaken = (error: unknown) => {
  const driverError = (error as { driverError?: { code?: string; constraint?: string } }).driverError;
  return driverError?.code === '23505' && driverError.constraint === 'organization_credit_code_unique';
};

/** The organization table in the service's own schema, in plain SQL. */
@Injectable()
export class PostgresOrganizationRepository extends OrganizationRepository {
  private readonly table: string;
  private readonly statusChanges: string;

  constructor(@Inject(getDataSourceToken()) private readonly dataSource: DataSource) {
    super();
    this.table = qualifiedTable(schemaNameOf(dataSource), 'organization');
    this.statusChanges = qualifiedTable(schemaNameOf(dataSource), 'organization_status_change');
  }

  async lockForChange(manager: EntityManager, organizationId: string): Promise<Organization | null> {
    // Two first PUTs of one id would both find nothing: the advisory lock makes the second wait and see the first.
    await manager.query(`SELECT pg_advisory_xact_lock(hashtextextended($1, 0))`, [`organization:${organizationId}`]);
    const rows = await manager.query<OrganizationRow[]>(
      `SELECT ${COLUMNS} FROM ${this.table} WHERE organization_id = $1 FOR UPDATE`,
      [organizationId],
    );
    return rows[0] ? toOrganization(rows[0]) : null;
  }

  async save(manager: EntityManager, org: Organization): Promise<void> {
    await manager.query('SAVEPOINT organization_credit_code');
    try {
      await manager.query(
        `INSERT INTO ${this.table} (organization_id, name, type, credit_code, legal_rep_name, legal_rep_title,
           registration_district_code, status, communities_served, grade, grade_assessed_on, grade_valid_until,
           grade_ref, mentor_organization_id, incubated_since, revision, created_by)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17)
         ON CONFLICT (organization_id) DO UPDATE SET name = $2, type = $3, credit_code = $4, legal_rep_name = $5,
           legal_rep_title = $6, registration_district_code = $7, status = $8, communities_served = $9, grade = $10,
           grade_assessed_on = $11, grade_valid_until = $12, grade_ref = $13, mentor_organization_id = $14,
           incubated_since = $15, revision = $16, updated_at = now()`,
        [
          ...[org.organizationId, org.name, org.type, org.creditCode],
          ...[org.legalRepresentative.name, org.legalRepresentative.title ?? null, org.registrationDistrictCode],
          ...[org.status, org.communitiesServed, org.grade?.grade ?? null, org.grade?.assessedOn ?? null],
          ...[org.grade?.validUntil ?? null, org.grade?.ref ?? null, org.mentorOrganizationId, org.incubatedSince],
          ...[org.revision, org.createdBy],
        ],
      );
    } catch (error) {
      if (!isCreditCodeTaken(error) || !org.creditCode) throw error;
      await manager.query('ROLLBACK TO SAVEPOINT organization_credit_code');
      const holder = await manager.query<{ organization_id: string }[]>(
        `SELECT organization_id FROM ${this.table} WHERE credit_code = $1`,
        [org.creditCode],
      );
      throw new CreditCodeTaken(org.creditCode, holder[0]?.organization_id ?? 'another organization');
    }
  }

  async recordStatusChange(manager: EntityManager, organizationId: string, change: StatusChange): Promise<void> {
    await manager.query(
      `INSERT INTO ${this.statusChanges} (organization_id, seq, from_status, to_status, reason, by_sub)
       SELECT $1, coalesce(max(seq), 0) + 1, $2, $3, $4, $5 FROM ${this.statusChanges} WHERE organization_id = $1`,
      [organizationId, change.from, change.to, change.reason, change.bySub],
    );
  }

  async find(organizationId: string, manager: EntityManager = this.dataSource.manager) {
    const rows = await manager.query<OrganizationRow[]>(
      `SELECT ${COLUMNS} FROM ${this.table} WHERE organization_id = $1`,
      [organizationId],
    );
    return rows[0] ? toOrganization(rows[0]) : null;
  }

  async list(filter: OrganizationFilter): Promise<StoredOrganization[]> {
    const atLeast = filter.minGrade ? ORGANIZATION_GRADES.slice(ORGANIZATION_GRADES.indexOf(filter.minGrade)) : null;
    const rows = await this.dataSource.query<OrganizationRow[]>(
      `SELECT ${COLUMNS} FROM ${this.table}
        WHERE ($1::text IS NULL OR type = $1) AND ($2::text IS NULL OR $2 = ANY (communities_served))
          AND ($3::text IS NULL OR status = $3)
          AND ($4::text[] IS NULL OR (grade = ANY ($4) AND current_date BETWEEN grade_assessed_on AND grade_valid_until))
        ORDER BY organization_id`,
      [filter.type ?? null, filter.communityCode ?? null, filter.status ?? null, atLeast],
    );
    return rows.map(toOrganization);
  }

  async mentees(organizationId: string): Promise<StoredOrganization[]> {
    const rows = await this.dataSource.query<OrganizationRow[]>(
      `SELECT ${COLUMNS} FROM ${this.table} WHERE mentor_organization_id = $1 ORDER BY organization_id`,
      [organizationId],
    );
    return rows.map(toOrganization);
  }

  async mentorsAbove(manager: EntityManager, organizationId: string, limit: number): Promise<string[]> {
    const rows = await manager.query<{ mentor: string }[]>(
      `WITH RECURSIVE chain (organization_id, mentor, depth) AS (
         SELECT organization_id, mentor_organization_id, 1 FROM ${this.table} WHERE organization_id = $1
         UNION ALL
         SELECT o.organization_id, o.mentor_organization_id, c.depth + 1
           FROM ${this.table} o JOIN chain c ON o.organization_id = c.mentor
          WHERE c.depth < $2)
       SELECT mentor FROM chain WHERE mentor IS NOT NULL ORDER BY depth`,
      [organizationId, limit],
    );
    return rows.map((row) => row.mentor);
  }
}
