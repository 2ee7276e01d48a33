import { Inject, Injectable } from '@nestjs/common';
import { getDataSourceToken } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { qualifiedTable, schemaNameOf } from '@sanshe/persistence';
import { fenFromPg } from '../../ledger/domain/fen';
import { type GrantBudget, GrantBudgets } from '../domain/grant-budget';

interface GrantBudgetRow {
  grant_id: string;
  program_id: string;
  organization_id: string;
  community_code: string;
  status: GrantBudget['status'];
  amount_fen: string;
  currency: string;
  notice_working_days: number;
  tranches: { trancheNo: number; amountFen: number | string; milestone: string; dueDate: string }[] | null;
}

/** Reads the grant (the grants feature's table) with its program's notice period, and its settled payments. */
@Injectable()
export class PostgresGrantBudgets extends GrantBudgets {
  private readonly grant: string;
  private readonly program: string;
  private readonly payment: string;

  constructor(@Inject(getDataSourceToken()) dataSource: DataSource) {
    super();
    const schema = schemaNameOf(dataSource);
    this.grant = qualifiedTable(schema, 'grant');
    this.program = qualifiedTable(schema, 'program');
    this.payment = qualifiedTable(schema, 'payment');
  }

  async find(manager: EntityManager, grantId: string, lock: boolean): Promise<GrantBudget | null> {
    const rows = await manager.query<GrantBudgetRow[]>(
      `SELECT g.grant_id, g.program_id, g.organization_id, g.community_code, g.status, g.amount_fen, g.currency,
              p.notice_working_days, g.tranches
         FROM ${this.grant} g JOIN ${this.program} p ON p.program_id = g.program_id
        WHERE g.grant_id = $1 ${lock ? 'FOR NO KEY UPDATE OF g' : ''}`,
      [grantId],
    );
    const row = rows[0];
    if (!row) return null;
    return {
      grantId: row.grant_id,
      programId: row.program_id,
      organizationId: row.organization_id,
      communityCode: row.community_code,
      status: row.status,
      amountFen: fenFromPg(row.amount_fen),
      currency: row.currency,
      noticeWorkingDays: row.notice_working_days,
      tranches: row.tranches?.map((t) => ({ ...t, amountFen: fenFromPg(t.amountFen) })) ?? null,
    };
  }

  async paidTranches(manager: EntityManager, grantId: string): Promise<number[]> {
    const rows = await manager.query<{ tranche_no: number }[]>(
      `SELECT tranche_no FROM ${this.payment} WHERE grant_id = $1 AND status = 'settled' ORDER BY tranche_no`,
      [grantId],
    );
    return rows.map((row) => row.tranche_no);
  }
}
