import { Inject, Injectable } from '@nestjs/common';
import { getDataSourceToken } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { qualifiedTable, schemaNameOf } from '@sanshe/persistence';
import type { ActivityProposal, ProposalResult } from '../domain/activity-proposal';
import { ActivityProposalRepository } from '../domain/activity-proposal.repository';

interface ProposalRow {
  proposal_id: string;
  organization_id: string | null;
  community_code: string | null;
  need_id: string | null;
  title: string | null;
  submitted: boolean;
  decision_id: string | null;
  result: ProposalResult | null;
}

const COLUMNS = 'proposal_id, organization_id, community_code, need_id, title, submitted, decision_id, result';

const toProposal = (row: ProposalRow): ActivityProposal => ({
  proposalId: row.proposal_id,
  organizationId: row.organization_id,
  communityCode: row.community_code,
  needId: row.need_id,
  title: row.title,
  submitted: row.submitted,
  decisionId: row.decision_id,
  result: row.result,
});

/** activity_proposal in the community's schema, in plain SQL like the outbox. */
@Injectable()
export class PostgresActivityProposalRepository extends ActivityProposalRepository {
  private readonly table: string;

  constructor(@Inject(getDataSourceToken()) private readonly dataSource: DataSource) {
    super();
    this.table = qualifiedTable(schemaNameOf(dataSource), 'activity_proposal');
  }

  async lock(manager: EntityManager, proposalId: string): Promise<ActivityProposal> {
    // The empty row first (a no-op when it exists), then the lock: both events of one proposal take turns.
    await manager.query(`INSERT INTO ${this.table} (proposal_id) VALUES ($1) ON CONFLICT (proposal_id) DO NOTHING`, [
      proposalId,
    ]);
    const rows = await manager.query<ProposalRow[]>(
      `SELECT ${COLUMNS} FROM ${this.table} WHERE proposal_id = $1 FOR UPDATE`,
      [proposalId],
    );
    return toProposal(rows[0]!);
  }

  async update(manager: EntityManager, proposal: ActivityProposal): Promise<void> {
    await manager.query(
      `UPDATE ${this.table}
          SET organization_id = $2, community_code = $3, need_id = $4, title = $5, submitted = $6, decision_id = $7,
              result = $8, updated_at = now()
        WHERE proposal_id = $1`,
      [
        proposal.proposalId,
        proposal.organizationId,
        proposal.communityCode,
        proposal.needId,
        proposal.title,
        proposal.submitted,
        proposal.decisionId,
        proposal.result,
      ],
    );
  }

  async find(proposalId: string): Promise<ActivityProposal | null> {
    const rows = await this.dataSource.query<ProposalRow[]>(
      `SELECT ${COLUMNS} FROM ${this.table} WHERE proposal_id = $1`,
      [proposalId],
    );
    return rows[0] ? toProposal(rows[0]) : null;
  }
}
