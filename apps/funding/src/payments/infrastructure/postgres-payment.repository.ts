import { Inject, Injectable } from '@nestjs/common';
import { getDataSourceToken } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { qualifiedTable, schemaNameOf } from '@sanshe/persistence';
import { fenFromPg } from '../../ledger/domain/fen';
import type { Payment, PaymentFailure, RailName } from '../domain/payment';
import type { RailAcceptance } from '../domain/payment-rail';
import { type NewPayment, type PayableGrant, PaymentRepository, type Settlement } from '../domain/payment.repository';

interface PaymentRow {
  payment_id: string;
  grant_id: string;
  tranche_no: number;
  program_id: string;
  organization_id: string;
  community_code: string;
  amount_fen: string;
  currency: string;
  rail: RailName;
  confirming_party: string | null;
  status: Payment['status'];
  attempt: number;
  rail_reference: string | null;
  settle_after: Date | null;
  instructed_at: Date;
  settled_at: Date | null;
  confirmed_by: string | null;
  failure: PaymentFailure | null;
}

const toPayment = (row: PaymentRow): Payment => ({
  paymentId: row.payment_id,
  grantId: row.grant_id,
  trancheNo: row.tranche_no,
  programId: row.program_id,
  organizationId: row.organization_id,
  communityCode: row.community_code,
  amountFen: fenFromPg(row.amount_fen),
  currency: row.currency,
  rail: row.rail,
  confirmingParty: row.confirming_party,
  status: row.status,
  attempt: row.attempt,
  railReference: row.rail_reference,
  settleAfter: row.settle_after,
  instructedAt: row.instructed_at,
  settledAt: row.settled_at,
  confirmedBy: row.confirmed_by,
  failure: row.failure,
});

interface GrantRow {
  grant_id: string;
  program_id: string;
  organization_id: string;
  community_code: string;
  funder_id: string;
  currency: string;
  status: PayableGrant['status'];
  tranches: { trancheNo: number; amountFen: number | string }[] | null;
}

const toGrant = (row: GrantRow): PayableGrant => ({
  grantId: row.grant_id,
  programId: row.program_id,
  organizationId: row.organization_id,
  communityCode: row.community_code,
  funderId: row.funder_id,
  currency: row.currency,
  status: row.status,
  tranches: row.tranches?.map((t) => ({ trancheNo: t.trancheNo, amountFen: fenFromPg(t.amountFen) })) ?? null,
});

/** Payments in the service's schema; the grant it pays is read from the grants feature's table. */
@Injectable()
export class PostgresPaymentRepository extends PaymentRepository {
  private readonly payment: string;
  private readonly grantTable: string;

  constructor(@Inject(getDataSourceToken()) dataSource: DataSource) {
    super();
    const schema = schemaNameOf(dataSource);
    this.payment = qualifiedTable(schema, 'payment');
    this.grantTable = qualifiedTable(schema, 'grant');
  }

  async insertIfAbsent(manager: EntityManager, p: NewPayment): Promise<Payment | null> {
    const rows = await manager.query<PaymentRow[]>(
      `INSERT INTO ${this.payment} (payment_id, grant_id, tranche_no, program_id, organization_id, community_code,
         amount_fen, currency, rail, confirming_party, status, rail_reference, settle_after, instructed_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, 'instructed', $11, $12, $13)
       ON CONFLICT (grant_id, tranche_no) DO NOTHING
       RETURNING *`,
      [
        ...[p.paymentId, p.grantId, p.trancheNo, p.programId, p.organizationId, p.communityCode],
        ...[p.amountFen, p.currency, p.rail, p.confirmingParty, p.railReference, p.settleAfter, p.instructedAt],
      ],
    );
    return rows[0] ? toPayment(rows[0]) : null;
  }

  recordAcceptance(manager: EntityManager, paymentId: string, acceptance: RailAcceptance): Promise<Payment> {
    return this.update(manager, paymentId, 'settle_after = $2, rail_reference = $3', [
      acceptance.settleAfter,
      acceptance.railReference,
    ]);
  }

  async findByTranche(manager: EntityManager, grantId: string, trancheNo: number): Promise<Payment | null> {
    return this.one(manager, 'grant_id = $1 AND tranche_no = $2', [grantId, trancheNo], '');
  }

  findById(manager: EntityManager, paymentId: string): Promise<Payment | null> {
    return this.one(manager, 'payment_id = $1', [paymentId], '');
  }

  findForUpdate(manager: EntityManager, paymentId: string): Promise<Payment | null> {
    return this.one(manager, 'payment_id = $1', [paymentId], 'FOR UPDATE');
  }

  async listByGrant(manager: EntityManager, grantId: string): Promise<Payment[]> {
    const rows = await manager.query<PaymentRow[]>(
      `SELECT * FROM ${this.payment} WHERE grant_id = $1 ORDER BY tranche_no`,
      [grantId],
    );
    return rows.map(toPayment);
  }

  async dueForSettlement(manager: EntityManager, at: Date, limit: number) {
    const rows = await manager.query<{ payment_id: string; attempt: number }[]>(
      `SELECT payment_id, attempt FROM ${this.payment}
        WHERE status = 'instructed' AND rail = 'internal' AND settle_after <= $1
        ORDER BY settle_after, payment_id LIMIT $2`,
      [at, limit],
    );
    return rows.map((row) => ({ paymentId: row.payment_id, attempt: row.attempt }));
  }

  markSettled(manager: EntityManager, paymentId: string, s: Settlement): Promise<Payment> {
    return this.update(
      manager,
      paymentId,
      `status = 'settled', settled_at = $2, rail_reference = $3, confirmed_by = $4`,
      [s.settledAt, s.railReference, s.confirmedBy],
    );
  }

  markFailed(manager: EntityManager, paymentId: string, failure: PaymentFailure): Promise<Payment> {
    return this.update(manager, paymentId, `status = 'failed', failure = $2::jsonb`, [JSON.stringify(failure)]);
  }

  markRetried(manager: EntityManager, paymentId: string, acceptance: RailAcceptance, instructedAt: Date) {
    return this.update(
      manager,
      paymentId,
      `status = 'instructed', failure = NULL, attempt = attempt + 1, settle_after = $2, rail_reference = $3,
       instructed_at = $4`,
      [acceptance.settleAfter, acceptance.railReference, instructedAt],
    );
  }

  grant(manager: EntityManager, grantId: string): Promise<PayableGrant | null> {
    return this.grantRow(manager, grantId, '');
  }

  grantForShare(manager: EntityManager, grantId: string): Promise<PayableGrant | null> {
    return this.grantRow(manager, grantId, 'FOR SHARE');
  }

  grantForUpdate(manager: EntityManager, grantId: string): Promise<PayableGrant | null> {
    return this.grantRow(manager, grantId, 'FOR NO KEY UPDATE');
  }

  async completeGrant(manager: EntityManager, grantId: string): Promise<boolean> {
    const [, count] = await manager.query<[unknown, number]>(
      `UPDATE ${this.grantTable} SET status = 'completed', updated_at = now() WHERE grant_id = $1 AND status = 'active'`,
      [grantId],
    );
    return count === 1;
  }

  private async grantRow(manager: EntityManager, grantId: string, lock: string): Promise<PayableGrant | null> {
    const rows = await manager.query<GrantRow[]>(
      `SELECT grant_id, program_id, organization_id, community_code, funder_id, currency, status, tranches
         FROM ${this.grantTable} WHERE grant_id = $1 ${lock}`,
      [grantId],
    );
    return rows[0] ? toGrant(rows[0]) : null;
  }

  private async one(manager: EntityManager, where: string, params: unknown[], lock: string): Promise<Payment | null> {
    const rows = await manager.query<PaymentRow[]>(`SELECT * FROM ${this.payment} WHERE ${where} ${lock}`, params);
    return rows[0] ? toPayment(rows[0]) : null;
  }

  private async update(manager: EntityManager, paymentId: string, set: string, params: unknown[]): Promise<Payment> {
    const rows = await manager.query<[PaymentRow[], number]>(
      `UPDATE ${this.payment} SET ${set} WHERE payment_id = $1 RETURNING *`,
      [paymentId, ...params],
    );
    const row = rows[0]?.[0];
    if (!row) throw new Error(`payment ${paymentId} vanished while it was updated`);
    return toPayment(row);
  }
}
