import { Inject, Injectable } from '@nestjs/common';
import { getDataSourceToken } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import type { ConsentPurpose, PersonalField } from '@sanshe/contracts';
import { qualifiedTable, schemaNameOf } from '@sanshe/persistence';
import type {
  DataAccessGrant,
  DataAccessRequest,
  DataAccessResult,
  DataAccessStatus,
} from '../domain/data-access-request';
import { DataAccessRepository, type StoredRequest } from '../domain/data-access.repository';

interface RequestRow {
  request_id: string;
  community_code: string;
  organization_id: string;
  proposal_id: string;
  activity_id: string | null;
  consent_purpose: ConsentPurpose;
  purpose: string;
  fields: PersonalField[];
  resident_ids: string[];
  duration_days: number;
  status: DataAccessStatus;
  expires_at: Date;
  requested_by: string;
  requested_at: Date;
  decision_id: string | null;
  result: DataAccessResult | null;
  decided_at: Date | null;
}

interface GrantRow {
  grant_id: string;
  request_id: string;
  decision_id: string;
  organization_id: string;
  community_code: string;
  consent_purpose: ConsentPurpose;
  fields: PersonalField[];
  expires_at: Date;
  created_at: Date;
  residents_covered?: string;
}

const toRequest = (row: RequestRow): DataAccessRequest => ({
  requestId: row.request_id,
  communityCode: row.community_code,
  organizationId: row.organization_id,
  proposalId: row.proposal_id,
  activityId: row.activity_id,
  consentPurpose: row.consent_purpose,
  purpose: row.purpose,
  fields: row.fields,
  residentIds: row.resident_ids,
  durationDays: row.duration_days,
  status: row.status,
  expiresAt: row.expires_at,
  requestedBy: row.requested_by,
  requestedAt: row.requested_at,
  decision:
    row.decision_id === null || row.result === null || row.decided_at === null
      ? null
      : { decisionId: row.decision_id, result: row.result, decidedAt: row.decided_at },
});

const toGrant = (row: GrantRow): DataAccessGrant => ({
  grantId: row.grant_id,
  requestId: row.request_id,
  decisionId: row.decision_id,
  organizationId: row.organization_id,
  communityCode: row.community_code,
  consentPurpose: row.consent_purpose,
  fields: row.fields,
  expiresAt: row.expires_at,
  createdAt: row.created_at,
});

/** The request tables in the community's schema (the data source's), in plain SQL like the outbox. */
@Injectable()
export class PostgresDataAccessRepository extends DataAccessRepository {
  private readonly requests: string;
  private readonly requestResidents: string;
  private readonly grants: string;
  private readonly grantResidents: string;

  constructor(@Inject(getDataSourceToken()) private readonly dataSource: DataSource) {
    super();
    const schema = schemaNameOf(dataSource);
    this.requests = qualifiedTable(schema, 'data_access_request');
    this.requestResidents = qualifiedTable(schema, 'data_access_request_resident');
    this.grants = qualifiedTable(schema, 'data_access_grant');
    this.grantResidents = qualifiedTable(schema, 'data_access_grant_resident');
  }

  private get requestColumns(): string {
    return `r.*, ARRAY(SELECT resident_id FROM ${this.requestResidents} rr
                        WHERE rr.request_id = r.request_id ORDER BY resident_id) AS resident_ids`;
  }

  async insertRequest(manager: EntityManager, request: DataAccessRequest): Promise<void> {
    await manager.query(
      `INSERT INTO ${this.requests} (request_id, community_code, organization_id, proposal_id, activity_id,
         consent_purpose, purpose, fields, duration_days, status, expires_at, requested_by, requested_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)`,
      [
        request.requestId,
        request.communityCode,
        request.organizationId,
        request.proposalId,
        request.activityId,
        request.consentPurpose,
        request.purpose,
        request.fields,
        request.durationDays,
        request.status,
        request.expiresAt,
        request.requestedBy,
        request.requestedAt,
      ],
    );
    await manager.query(
      `INSERT INTO ${this.requestResidents} (request_id, resident_id) SELECT $1, unnest($2::text[])`,
      [request.requestId, request.residentIds],
    );
  }

  async lockRequest(manager: EntityManager, requestId: string): Promise<DataAccessRequest | null> {
    const rows = await manager.query<RequestRow[]>(
      `SELECT ${this.requestColumns} FROM ${this.requests} r WHERE r.request_id = $1 FOR UPDATE OF r`,
      [requestId],
    );
    return rows[0] ? toRequest(rows[0]) : null;
  }

  async recordDecision(
    manager: EntityManager,
    requestId: string,
    { decisionId, result, decidedAt }: { decisionId: string; result: DataAccessResult; decidedAt: Date },
  ): Promise<void> {
    await manager.query(
      `UPDATE ${this.requests} SET status = $2, decision_id = $3, result = $4, decided_at = $5 WHERE request_id = $1`,
      [requestId, result === 'approved' ? 'granted' : 'refused', decisionId, result, decidedAt],
    );
  }

  async insertGrant(manager: EntityManager, grant: DataAccessGrant, residentIds: string[]): Promise<void> {
    await manager.query(
      `INSERT INTO ${this.grants} (grant_id, request_id, decision_id, organization_id, community_code,
         consent_purpose, fields, expires_at, created_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
      [
        grant.grantId,
        grant.requestId,
        grant.decisionId,
        grant.organizationId,
        grant.communityCode,
        grant.consentPurpose,
        grant.fields,
        grant.expiresAt,
        grant.createdAt,
      ],
    );
    await manager.query(`INSERT INTO ${this.grantResidents} (grant_id, resident_id) SELECT $1, unnest($2::text[])`, [
      grant.grantId,
      residentIds,
    ]);
  }

  async findRequest(requestId: string): Promise<StoredRequest | null> {
    const rows = await this.dataSource.query<RequestRow[]>(
      `SELECT ${this.requestColumns} FROM ${this.requests} r WHERE r.request_id = $1`,
      [requestId],
    );
    if (!rows[0]) return null;
    const grants = await this.dataSource.query<GrantRow[]>(
      `SELECT g.*, (SELECT count(*) FROM ${this.grantResidents} gr WHERE gr.grant_id = g.grant_id) AS residents_covered
         FROM ${this.grants} g WHERE g.request_id = $1`,
      [requestId],
    );
    const grant = grants[0] ? { ...toGrant(grants[0]), residentsCovered: Number(grants[0].residents_covered) } : null;
    return { request: toRequest(rows[0]), grant };
  }

  async findGrant(grantId: string): Promise<DataAccessGrant | null> {
    const rows = await this.dataSource.query<GrantRow[]>(`SELECT * FROM ${this.grants} WHERE grant_id = $1`, [grantId]);
    return rows[0] ? toGrant(rows[0]) : null;
  }

  async covers(grantId: string, residentId: string): Promise<boolean> {
    const rows = await this.dataSource.query<unknown[]>(
      `SELECT 1 FROM ${this.grantResidents} WHERE grant_id = $1 AND resident_id = $2`,
      [grantId, residentId],
    );
    return rows.length > 0;
  }
}
