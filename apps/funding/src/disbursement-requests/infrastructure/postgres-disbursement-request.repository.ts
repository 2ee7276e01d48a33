import { Inject, Injectable } from '@nestjs/common';
import { getDataSourceToken } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { qualifiedTable, schemaNameOf } from '@sanshe/persistence';
import type { DisbursementRequest, RequestKind } from '../domain/disbursement-request';
import { DisbursementRequestRepository } from '../domain/disbursement-request.repository';

interface RequestRow {
  request_id: string;
  event_id: string;
  kind: RequestKind;
  grant_id: string;
  tranche_no: number | null;
  party_id: string;
  amount_fen: string | null;
  currency: string | null;
  reason_code: string;
  reason_text: string;
  cast_by_sub: string;
  created_at: Date;
  status: DisbursementRequest['status'];
  refusal_code: string | null;
  refusal_reason: string | null;
}

const toRequest = (row: RequestRow): DisbursementRequest => ({
  requestId: row.request_id,
  eventId: row.event_id,
  kind: row.kind,
  grantId: row.grant_id,
  trancheNo: row.tranche_no,
  partyId: row.party_id,
  amount: row.amount_fen === null ? null : { amountFen: Number(row.amount_fen), currency: row.currency ?? 'CNY' },
  reason: { code: row.reason_code, text: row.reason_text },
  castBySub: row.cast_by_sub,
  createdAt: row.created_at.toISOString(),
  status: row.status,
  refusal: row.refusal_code ? { code: row.refusal_code, reason: row.refusal_reason ?? '' } : null,
});

/** funding_disbursement_request in the service's own schema (migration 090). */
@Injectable()
export class PostgresDisbursementRequestRepository extends DisbursementRequestRepository {
  private readonly table: string;

  constructor(@Inject(getDataSourceToken()) private readonly dataSource: DataSource) {
    super();
    this.table = qualifiedTable(schemaNameOf(dataSource), 'funding_disbursement_request');
  }

  async insert(manager: EntityManager, r: DisbursementRequest): Promise<DisbursementRequest | null> {
    // The partial unique index (an objection per tranche, one cancellation, unless refused) decides under concurrency.
    const inserted = await manager.query<unknown[]>(
      `INSERT INTO ${this.table} (request_id, event_id, kind, grant_id, tranche_no, party_id, amount_fen, currency,
         reason_code, reason_text, cast_by_sub, created_at, status)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)
       ON CONFLICT (grant_id, kind, party_id, (coalesce(tranche_no, 0))) WHERE kind <> 'clawback' AND status = 'sent'
       DO NOTHING RETURNING request_id`,
      [
        ...[r.requestId, r.eventId, r.kind, r.grantId, r.trancheNo, r.partyId],
        ...[r.amount?.amountFen ?? null, r.amount?.currency ?? null, r.reason.code, r.reason.text],
        ...[r.castBySub, r.createdAt, r.status],
      ],
    );
    if (inserted.length > 0) return null;
    const earlier = await manager.query<RequestRow[]>(
      `SELECT * FROM ${this.table} WHERE grant_id = $1 AND kind = $2 AND party_id = $3
          AND coalesce(tranche_no, 0) = coalesce($4::int, 0) AND status = 'sent'`,
      [r.grantId, r.kind, r.partyId, r.trancheNo],
    );
    if (!earlier[0]) throw new Error(`request ${r.requestId} was neither stored nor in conflict`);
    return toRequest(earlier[0]);
  }

  async listFor(grantId: string): Promise<DisbursementRequest[]> {
    const rows = await this.dataSource.query<RequestRow[]>(
      `SELECT * FROM ${this.table} WHERE grant_id = $1 ORDER BY created_at, request_id`,
      [grantId],
    );
    return rows.map(toRequest);
  }

  async refuse(manager: EntityManager, eventId: string, refusal: { code: string; reason: string }): Promise<boolean> {
    const rows = await manager.query<unknown[]>(
      `UPDATE ${this.table} SET status = 'refused', refusal_code = $2, refusal_reason = $3
        WHERE event_id = $1 RETURNING request_id`,
      [eventId, refusal.code, refusal.reason],
    );
    // TypeORM returns [rows, count] for UPDATE … RETURNING on PostgreSQL.
    const returned = Array.isArray(rows[0]) ? (rows[0] as unknown[]) : rows;
    return returned.length > 0;
  }
}
