import { Inject, Injectable } from '@nestjs/common';
import { getDataSourceToken } from '@nestjs/typeorm';
import type { ConsentPurpose } from '@sanshe/contracts/pure';
import type { DataSource, EntityManager } from 'typeorm';
import { qualifiedTable, schemaNameOf } from '@sanshe/persistence';
import type { ConsentLedger } from '../domain/consent-ledger';
import { type ConsentRecord, consentingAt, purposeNamesOrganization } from '../domain/consent-record';
import { ConsentRepository } from '../domain/consent.repository';

interface ConsentRow {
  record_id: string;
  sequence: string;
  resident_id: string;
  purpose: ConsentPurpose;
  organization_id: string | null;
  activity_id: string | null;
  decision: ConsentRecord['decision'];
  recorded_by: string;
  recorded_via: ConsentRecord['recordedVia'];
  recorded_at: Date;
}

const COLUMNS = `record_id, sequence, resident_id, purpose, organization_id, activity_id, decision, recorded_by,
  recorded_via, recorded_at`;

const toRecord = (row: ConsentRow): ConsentRecord => ({
  recordId: row.record_id,
  sequence: Number(row.sequence),
  residentId: row.resident_id,
  purpose: row.purpose,
  organizationId: row.organization_id,
  activityId: row.activity_id,
  decision: row.decision,
  recordedBy: row.recorded_by,
  recordedVia: row.recorded_via,
  recordedAt: new Date(row.recorded_at),
});

/**
 * consent_record in the service's own schema; also the ledger other features ask (data access). It reads
 * the table on every call: no cache, so a withdrawal counts from the moment it commits.
 */
@Injectable()
export class PostgresConsentRepository extends ConsentRepository implements ConsentLedger {
  private readonly table: string;

  constructor(@Inject(getDataSourceToken()) private readonly dataSource: DataSource) {
    super();
    this.table = qualifiedTable(schemaNameOf(dataSource), 'consent_record');
  }

  async append(manager: EntityManager, record: Omit<ConsentRecord, 'sequence'>): Promise<ConsentRecord> {
    const [row] = await manager.query<ConsentRow[]>(
      `INSERT INTO ${this.table} (record_id, resident_id, purpose, organization_id, activity_id, decision,
         recorded_by, recorded_via, recorded_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING ${COLUMNS}`,
      [
        record.recordId,
        record.residentId,
        record.purpose,
        record.organizationId,
        record.activityId,
        record.decision,
        record.recordedBy,
        record.recordedVia,
        record.recordedAt,
      ],
    );
    return toRecord(row as ConsentRow);
  }

  async history(residentId: string, manager = this.dataSource.manager): Promise<ConsentRecord[]> {
    const rows = await manager.query<ConsentRow[]>(
      `SELECT ${COLUMNS} FROM ${this.table} WHERE resident_id = $1 ORDER BY recorded_at, sequence`,
      [residentId],
    );
    return rows.map(toRecord);
  }

  async recordsFor(
    residentIds: string[],
    purpose: ConsentPurpose,
    organizationId: string | null,
    at: Date,
    manager = this.dataSource.manager,
  ): Promise<ConsentRecord[]> {
    if (residentIds.length === 0) return [];
    const organization = purposeNamesOrganization(purpose) ? organizationId : null;
    const rows = await manager.query<ConsentRow[]>(
      `SELECT ${COLUMNS} FROM ${this.table}
        WHERE resident_id = ANY($1::text[]) AND purpose = $2 AND organization_id IS NOT DISTINCT FROM $3
          AND recorded_at <= $4`,
      [residentIds, purpose, organization, at],
    );
    return rows.map(toRecord);
  }

  async consenting(
    residentIds: string[],
    purpose: ConsentPurpose,
    organizationId: string | null,
    at: Date,
    manager?: EntityManager,
  ): Promise<Set<string>> {
    const records = await this.recordsFor(residentIds, purpose, organizationId, at, manager);
    return consentingAt(records, purpose, organizationId, at);
  }
}
