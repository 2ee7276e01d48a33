import { Inject, Injectable } from '@nestjs/common';
import { getDataSourceToken } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { qualifiedTable, schemaNameOf } from '@sanshe/persistence';
import { fenFromPg } from '../../ledger/domain/fen';
import type { Clawback } from '../domain/clawback';
import { ClawbackRepository } from '../domain/clawback.repository';

interface ClawbackRow {
  clawback_id: string;
  grant_id: string;
  tranche_no: number;
  payment_id: string;
  amount_fen: string;
  currency: string;
  decision_id: string;
  reason: string;
  status: Clawback['status'];
  requested_at: Date;
}

const toClawback = (row: ClawbackRow): Clawback => ({
  clawbackId: row.clawback_id,
  grantId: row.grant_id,
  trancheNo: row.tranche_no,
  paymentId: row.payment_id,
  amountFen: fenFromPg(row.amount_fen),
  currency: row.currency,
  decisionId: row.decision_id,
  reason: row.reason,
  status: row.status,
  requestedAt: row.requested_at,
});

@Injectable()
export class PostgresClawbackRepository extends ClawbackRepository {
  private readonly table: string;

  constructor(@Inject(getDataSourceToken()) dataSource: DataSource) {
    super();
    this.table = qualifiedTable(schemaNameOf(dataSource), 'clawback');
  }

  async findByTranche(manager: EntityManager, grantId: string, trancheNo: number): Promise<Clawback | null> {
    const rows = await manager.query<ClawbackRow[]>(
      `SELECT * FROM ${this.table} WHERE grant_id = $1 AND tranche_no = $2`,
      [grantId, trancheNo],
    );
    return rows[0] ? toClawback(rows[0]) : null;
  }

  async insertIfAbsent(manager: EntityManager, c: Omit<Clawback, 'status' | 'requestedAt'>): Promise<Clawback | null> {
    const rows = await manager.query<ClawbackRow[]>(
      `INSERT INTO ${this.table} (clawback_id, grant_id, tranche_no, payment_id, amount_fen, currency, decision_id,
         reason, status)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, 'requested')
       ON CONFLICT (grant_id, tranche_no) DO NOTHING RETURNING *`,
      [c.clawbackId, c.grantId, c.trancheNo, c.paymentId, c.amountFen, c.currency, c.decisionId, c.reason],
    );
    return rows[0] ? toClawback(rows[0]) : null;
  }
}
