import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { qualifiedTable, schemaNameOf } from '@sanshe/persistence';
import { fenFromPg } from '../../ledger';
import type { Grant, GrantStatus, VoidReasonCode } from '../domain/grant';
import { type GrantFilter, GrantsRepository, type GrantView } from '../domain/grants.repository';
import type { Tranche, TranchePlanLine } from '../domain/tranche-schedule';

interface GrantRow {
  grant_id: string;
  application_id: string | null;
  proposal_id: string | null;
  program_id: string;
  organization_id: string;
  community_code: string;
  funder_id: string;
  amount_fen: string;
  currency: string;
  title: string;
  status: GrantStatus;
  decision_id: string;
  tranche_plan: TranchePlanLine[];
  tranches: Tranche[] | null;
  activated_at: Date | null;
  voided_reason_code: VoidReasonCode | null;
  awarded_by: string;
  created_at: Date;
  updated_at: Date;
}

const toGrant = (row: GrantRow): GrantView => ({
  grantId: row.grant_id,
  applicationId: row.application_id,
  proposalId: row.proposal_id,
  programId: row.program_id,
  organizationId: row.organization_id,
  communityCode: row.community_code,
  funderId: row.funder_id,
  amountFen: fenFromPg(row.amount_fen),
  currency: row.currency,
  title: row.title,
  status: row.status,
  decisionId: row.decision_id,
  tranchePlan: row.tranche_plan,
  tranches: row.tranches,
  activatedAt: row.activated_at?.toISOString() ?? null,
  voidedReasonCode: row.voided_reason_code,
  awardedBy: row.awarded_by,
  createdAt: row.created_at.toISOString(),
  updatedAt: row.updated_at.toISOString(),
});

/** The grant table (migration 1799000000040; `grant` is a reserved word, qualifiedTable quotes it). */
@Injectable()
export class PostgresGrantsRepository extends GrantsRepository {
  private readonly grant: string;

  constructor(private readonly dataSource: DataSource) {
    super();
    this.grant = qualifiedTable(schemaNameOf(dataSource), 'grant');
  }

  async lockOrganization(manager: EntityManager, organizationId: string): Promise<void> {
    await manager.query(`SELECT pg_advisory_xact_lock(hashtextextended($1, 0))`, [
      `${this.grant}:organization:${organizationId}`,
    ]);
  }

  async insert(manager: EntityManager, g: Grant, awardedBy: string): Promise<boolean> {
    const inserted = await manager.query<unknown[]>(
      `INSERT INTO ${this.grant} (grant_id, application_id, proposal_id, program_id, organization_id, community_code,
              funder_id, amount_fen, currency, title, status, decision_id, tranche_plan, awarded_by)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14)
       ON CONFLICT DO NOTHING RETURNING grant_id`,
      [
        g.grantId,
        g.applicationId,
        g.proposalId,
        g.programId,
        g.organizationId,
        g.communityCode,
        g.funderId,
        String(g.amountFen),
        g.currency,
        g.title,
        g.status,
        g.decisionId,
        JSON.stringify(g.tranchePlan),
        awardedBy,
      ],
    );
    return inserted.length > 0;
  }

  async lock(manager: EntityManager, grantId: string): Promise<GrantView | null> {
    const [row] = await manager.query<GrantRow[]>(`SELECT * FROM ${this.grant} WHERE grant_id = $1 FOR UPDATE`, [
      grantId,
    ]);
    return row ? toGrant(row) : null;
  }

  async saveTransition(manager: EntityManager, g: Grant): Promise<void> {
    await manager.query(
      `UPDATE ${this.grant} SET status = $2, tranches = $3, activated_at = $4, voided_reason_code = $5,
              updated_at = now() WHERE grant_id = $1`,
      [g.grantId, g.status, g.tranches ? JSON.stringify(g.tranches) : null, g.activatedAt, g.voidedReasonCode],
    );
  }

  async pendingFen(manager: EntityManager, programId: string): Promise<number> {
    const [row] = await manager.query<{ pending: string }[]>(
      `SELECT coalesce(sum(amount_fen), 0)::text AS pending FROM ${this.grant}
        WHERE program_id = $1 AND status = 'awarded'`,
      [programId],
    );
    return fenFromPg(row?.pending ?? '0');
  }

  async awardedOf(manager: EntityManager, organizationId: string): Promise<string[]> {
    const rows = await manager.query<{ grant_id: string }[]>(
      `SELECT grant_id FROM ${this.grant} WHERE organization_id = $1 AND status = 'awarded' ORDER BY grant_id`,
      [organizationId],
    );
    return rows.map((row) => row.grant_id);
  }

  async find(grantId: string, manager?: EntityManager): Promise<GrantView | null> {
    const [row] = await (manager ?? this.dataSource.manager).query<GrantRow[]>(
      `SELECT * FROM ${this.grant} WHERE grant_id = $1`,
      [grantId],
    );
    return row ? toGrant(row) : null;
  }

  async list(filter: GrantFilter): Promise<GrantView[]> {
    const params: unknown[] = [];
    const where: string[] = [];
    const add = (column: string, value: unknown) => where.push(`${column} = $${params.push(value)}`);
    if (filter.programId) add('program_id', filter.programId);
    if (filter.organizationId) add('organization_id', filter.organizationId);
    if (filter.funderId) add('funder_id', filter.funderId);
    if (filter.status) add('status', filter.status);
    if (filter.scope) {
      const funders = `$${params.push(filter.scope.funderIds)}::text[]`;
      const organizations = `$${params.push(filter.scope.organizationIds)}::text[]`;
      where.push(`(funder_id = ANY(${funders}) OR organization_id = ANY(${organizations}))`);
    }
    const rows = await this.dataSource.query<GrantRow[]>(
      `SELECT * FROM ${this.grant} ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
        ORDER BY created_at DESC, grant_id LIMIT 500`,
      params,
    );
    return rows.map(toGrant);
  }
}
