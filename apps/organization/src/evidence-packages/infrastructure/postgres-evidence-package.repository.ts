import { Inject, Injectable } from '@nestjs/common';
import { getDataSourceToken } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { qualifiedTable, schemaNameOf } from '@sanshe/persistence';
import type { EvidenceItem } from '../../activities/domain/evidence';
import type { EvidencePackage } from '../domain/evidence-package';
import { EvidencePackageRepository } from '../domain/evidence-package.repository';

interface PackageRow {
  package_id: string;
  event_id: string;
  grant_id: string;
  tranche_no: number;
  organization_id: string;
  summary: string;
  evidence: EvidenceItem[];
  submitted_by_sub: string;
  idempotency_key: string | null;
  fingerprint: string;
  created_at: Date;
  status: EvidencePackage['status'];
  refusal_code: string | null;
  refusal_reason: string | null;
}

const toPackage = (row: PackageRow): EvidencePackage => ({
  packageId: row.package_id,
  eventId: row.event_id,
  grantId: row.grant_id,
  trancheNo: row.tranche_no,
  organizationId: row.organization_id,
  summary: row.summary,
  evidence: row.evidence,
  submittedBySub: row.submitted_by_sub,
  idempotencyKey: row.idempotency_key,
  fingerprint: row.fingerprint,
  createdAt: row.created_at.toISOString(),
  status: row.status,
  refusal: row.refusal_code ? { code: row.refusal_code, reason: row.refusal_reason ?? '' } : null,
});

/** evidence_package in the service's own schema (migration 060). */
@Injectable()
export class PostgresEvidencePackageRepository extends EvidencePackageRepository {
  private readonly table: string;

  constructor(@Inject(getDataSourceToken()) private readonly dataSource: DataSource) {
    super();
    this.table = qualifiedTable(schemaNameOf(dataSource), 'evidence_package');
  }

  async insert(manager: EntityManager, p: EvidencePackage): Promise<EvidencePackage | null> {
    // UNIQUE (organization_id, idempotency_key) decides under concurrency; a package without a key never conflicts.
    const inserted = await manager.query<unknown[]>(
      `INSERT INTO ${this.table} (package_id, event_id, grant_id, tranche_no, organization_id, summary, evidence,
         submitted_by_sub, idempotency_key, fingerprint, created_at, status)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)
       ON CONFLICT (organization_id, idempotency_key) DO NOTHING RETURNING package_id`,
      [
        ...[p.packageId, p.eventId, p.grantId, p.trancheNo, p.organizationId, p.summary, JSON.stringify(p.evidence)],
        ...[p.submittedBySub, p.idempotencyKey, p.fingerprint, p.createdAt, p.status],
      ],
    );
    if (inserted.length > 0) return null;
    const earlier = await manager.query<PackageRow[]>(
      `SELECT * FROM ${this.table} WHERE organization_id = $1 AND idempotency_key = $2`,
      [p.organizationId, p.idempotencyKey],
    );
    if (!earlier[0]) throw new Error(`package ${p.packageId} was neither stored nor in conflict`);
    return toPackage(earlier[0]);
  }

  async listFor(grantId: string, organizationId: string): Promise<EvidencePackage[]> {
    const rows = await this.dataSource.query<PackageRow[]>(
      `SELECT * FROM ${this.table} WHERE grant_id = $1 AND organization_id = $2 ORDER BY created_at, package_id`,
      [grantId, organizationId],
    );
    return rows.map(toPackage);
  }

  async refuse(manager: EntityManager, eventId: string, refusal: { code: string; reason: string }): Promise<boolean> {
    const rows = await manager.query<unknown[]>(
      `UPDATE ${this.table} SET status = 'refused', refusal_code = $2, refusal_reason = $3
        WHERE event_id = $1 RETURNING package_id`,
      [eventId, refusal.code, refusal.reason],
    );
    // TypeORM returns [rows, count] for UPDATE … RETURNING on PostgreSQL.
    const returned = Array.isArray(rows[0]) ? (rows[0] as unknown[]) : rows;
    return returned.length > 0;
  }
}
