import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { qualifiedTable, schemaNameOf } from '@sanshe/persistence';
import { fenFromPg } from '../../ledger';
import type { Application, ApplicationStatus, FundingProposal, IneligibleReason } from '../domain/application';
import {
  type ApplicationFilter,
  ApplicationsRepository,
  type ApplicationView,
} from '../domain/applications.repository';

interface ProposalRow {
  proposal_id: string;
  organization_id: string | null;
  community_code: string | null;
  title: string | null;
  category: string | null;
  program_id: string | null;
  requested_fen: string | null;
  currency: string | null;
  revision_no: number;
  withdrawn: boolean;
  decision_result: FundingProposal['decisionResult'];
}

interface ApplicationRow {
  application_id: string;
  proposal_id: string;
  program_id: string;
  organization_id: string;
  community_code: string;
  category: string | null;
  title: string;
  requested_fen: string;
  currency: string;
  status: ApplicationStatus;
  eligible: boolean;
  ineligible_reasons: IneligibleReason[];
  decline_reason: string | null;
  decided_by: string | null;
  funder_id: string | null;
  created_at: Date;
  updated_at: Date;
}

const toProposal = (row: ProposalRow): FundingProposal => ({
  proposalId: row.proposal_id,
  organizationId: row.organization_id,
  communityCode: row.community_code,
  title: row.title,
  category: row.category,
  programId: row.program_id,
  requested:
    row.requested_fen === null ? null : { amountFen: fenFromPg(row.requested_fen), currency: row.currency ?? '' },
  revisionNo: row.revision_no,
  withdrawn: row.withdrawn,
  decisionResult: row.decision_result,
});

const toApplication = (row: ApplicationRow): ApplicationView => ({
  applicationId: row.application_id,
  proposalId: row.proposal_id,
  programId: row.program_id,
  organizationId: row.organization_id,
  communityCode: row.community_code,
  category: row.category,
  title: row.title,
  requested: { amountFen: fenFromPg(row.requested_fen), currency: row.currency },
  status: row.status,
  eligible: row.eligible,
  ineligibleReasons: row.ineligible_reasons,
  funderId: row.funder_id,
  declineReason: row.decline_reason,
  decidedBy: row.decided_by,
  createdAt: row.created_at.toISOString(),
  updatedAt: row.updated_at.toISOString(),
});

/** funding_proposal and application (migration 1799000000040); the funder comes from the program. */
@Injectable()
export class PostgresApplicationsRepository extends ApplicationsRepository {
  private readonly proposal: string;
  private readonly application: string;
  private readonly program: string;

  constructor(private readonly dataSource: DataSource) {
    super();
    const schema = schemaNameOf(dataSource);
    this.proposal = qualifiedTable(schema, 'funding_proposal');
    this.application = qualifiedTable(schema, 'application');
    this.program = qualifiedTable(schema, 'program');
  }

  private get selectApplication(): string {
    return `SELECT a.*, p.funder_id FROM ${this.application} a LEFT JOIN ${this.program} p USING (program_id)`;
  }

  async lockProposal(manager: EntityManager, proposalId: string): Promise<void> {
    await manager.query(`SELECT pg_advisory_xact_lock(hashtextextended($1, 0))`, [`${this.proposal}:${proposalId}`]);
  }

  async findProposal(manager: EntityManager, proposalId: string): Promise<FundingProposal | null> {
    const [row] = await manager.query<ProposalRow[]>(`SELECT * FROM ${this.proposal} WHERE proposal_id = $1`, [
      proposalId,
    ]);
    return row ? toProposal(row) : null;
  }

  async saveProposal(manager: EntityManager, p: FundingProposal, decisionId?: string): Promise<void> {
    await manager.query(
      `INSERT INTO ${this.proposal} (proposal_id, organization_id, community_code, title, category, program_id,
              requested_fen, currency, revision_no, withdrawn, decision_id, decision_result)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)
       ON CONFLICT (proposal_id) DO UPDATE SET organization_id = $2, community_code = $3, title = $4, category = $5,
              program_id = $6, requested_fen = $7, currency = $8, revision_no = $9, withdrawn = $10,
              decision_id = coalesce($11, ${this.proposal}.decision_id), decision_result = $12, updated_at = now()`,
      [
        p.proposalId,
        p.organizationId,
        p.communityCode,
        p.title,
        p.category,
        p.programId,
        p.requested === null ? null : String(p.requested.amountFen),
        p.requested?.currency ?? null,
        p.revisionNo,
        p.withdrawn,
        decisionId ?? null,
        p.decisionResult,
      ],
    );
  }

  async insert(manager: EntityManager, a: Application): Promise<boolean> {
    const inserted = await manager.query<unknown[]>(
      `INSERT INTO ${this.application} (application_id, proposal_id, program_id, organization_id, community_code,
              category, title, requested_fen, currency, status, eligible, ineligible_reasons)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)
       ON CONFLICT DO NOTHING RETURNING application_id`,
      [
        a.applicationId,
        a.proposalId,
        a.programId,
        a.organizationId,
        a.communityCode,
        a.category,
        a.title,
        String(a.requested.amountFen),
        a.requested.currency,
        a.status,
        a.eligible,
        JSON.stringify(a.ineligibleReasons),
      ],
    );
    return inserted.length > 0;
  }

  async lock(manager: EntityManager, applicationId: string): Promise<ApplicationView | null> {
    await manager.query(`SELECT 1 FROM ${this.application} WHERE application_id = $1 FOR UPDATE`, [applicationId]);
    const [row] = await manager.query<ApplicationRow[]>(`${this.selectApplication} WHERE a.application_id = $1`, [
      applicationId,
    ]);
    return row ? toApplication(row) : null;
  }

  async ofProposal(manager: EntityManager, proposalId: string): Promise<ApplicationView | null> {
    const [row] = await manager.query<ApplicationRow[]>(`${this.selectApplication} WHERE a.proposal_id = $1`, [
      proposalId,
    ]);
    return row ? toApplication(row) : null;
  }

  async setStatus(
    manager: EntityManager,
    applicationId: string,
    change: { status: ApplicationStatus; by: string; declineReason?: string },
  ): Promise<void> {
    await manager.query(
      `UPDATE ${this.application} SET status = $2, decided_by = $3, decline_reason = $4, updated_at = now()
        WHERE application_id = $1`,
      [applicationId, change.status, change.by, change.declineReason ?? null],
    );
  }

  async find(applicationId: string): Promise<ApplicationView | null> {
    const [row] = await this.dataSource.query<ApplicationRow[]>(
      `${this.selectApplication} WHERE a.application_id = $1`,
      [applicationId],
    );
    return row ? toApplication(row) : null;
  }

  async list(filter: ApplicationFilter): Promise<ApplicationView[]> {
    const params: unknown[] = [];
    const where: string[] = [];
    const add = (sql: (n: string) => string, value: unknown) => where.push(sql(`$${params.push(value)}`));
    if (filter.programId) add((n) => `a.program_id = ${n}`, filter.programId);
    if (filter.organizationId) add((n) => `a.organization_id = ${n}`, filter.organizationId);
    if (filter.status) add((n) => `a.status = ${n}`, filter.status);
    if (filter.scope) {
      const funders = `$${params.push(filter.scope.funderIds)}`;
      const organizations = `$${params.push(filter.scope.organizationIds)}`;
      where.push(`(p.funder_id = ANY(${funders}::text[]) OR a.organization_id = ANY(${organizations}::text[]))`);
    }
    const rows = await this.dataSource.query<ApplicationRow[]>(
      `${this.selectApplication} ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
        ORDER BY a.created_at DESC, a.application_id LIMIT 500`,
      params,
    );
    return rows.map(toApplication);
  }
}
