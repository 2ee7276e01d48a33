import { Inject, Injectable } from '@nestjs/common';
import { getDataSourceToken } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { qualifiedTable, schemaNameOf } from '@sanshe/persistence';

export interface DisbursementGrant {
  grantId: string;
  organizationId: string;
  funderId: string;
}

/** disbursement_grant in governance's schema (migration 1795737600020): who each started grant's parties are. */
@Injectable()
export class DisbursementGrants {
  private readonly table: string;

  constructor(@Inject(getDataSourceToken()) dataSource: DataSource) {
    this.table = qualifiedTable(schemaNameOf(dataSource), 'disbursement_grant');
  }

  /** Once per grant: a redelivered activation changes nothing. */
  async record(manager: EntityManager, { grantId, organizationId, funderId }: DisbursementGrant): Promise<void> {
    await manager.query(
      `INSERT INTO ${this.table} (grant_id, organization_id, funder_id) VALUES ($1, $2, $3)
       ON CONFLICT (grant_id) DO NOTHING`,
      [grantId, organizationId, funderId],
    );
  }

  async find(manager: EntityManager, grantId: string): Promise<DisbursementGrant | null> {
    const [row] = (await manager.query(
      `SELECT grant_id, organization_id, funder_id FROM ${this.table} WHERE grant_id = $1`,
      [grantId],
    )) as { grant_id: string; organization_id: string; funder_id: string }[];
    return row ? { grantId: row.grant_id, organizationId: row.organization_id, funderId: row.funder_id } : null;
  }

  /** The organization's grants, oldest first (ended ones too: the workflow says which still run). */
  async ofOrganization(manager: EntityManager, organizationId: string): Promise<string[]> {
    const rows = (await manager.query(
      `SELECT grant_id FROM ${this.table} WHERE organization_id = $1 ORDER BY started_at, grant_id`,
      [organizationId],
    )) as { grant_id: string }[];
    return rows.map((row) => row.grant_id);
  }
}
