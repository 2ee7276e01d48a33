import { Inject, Injectable } from '@nestjs/common';
import { getDataSourceToken } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { qualifiedTable, schemaNameOf } from '@sanshe/persistence';
import type {
  DecisionStage,
  Proposal,
  ProposalContent,
  ProposalResult,
  ProposalStatus,
  Revision,
  RevisionStatus,
  Withdrawal,
} from '../domain/proposal';
import { type ProposalFilter, ProposalRepository } from '../domain/proposal.repository';

interface ProposalRow {
  proposal_id: string;
  organization_id: string;
  community_code: string;
  status: ProposalStatus;
  decision_id: string | null;
  decision_stage: DecisionStage | null;
  decision_round: number | null;
  last_seq: number;
  result: ProposalResult | null;
  called_in: Proposal['calledIn'];
  call_in_until: Date | null;
  filing_rule_version: number | null;
  withdrawal: Withdrawal | null;
  created_by: string;
  created_at: Date;
}

interface RevisionRow {
  proposal_id: string;
  revision_no: number;
  content: ProposalContent;
  revision_text: string | null;
  event_id: string | null;
  status: RevisionStatus;
  round: number | null;
  refusal_code: string | null;
  refusal_reason: string | null;
  created_by: string;
  created_at: Date;
}

const toRevision = (row: RevisionRow): Revision => ({
  revisionNo: row.revision_no,
  content: row.content,
  revisionText: row.revision_text,
  eventId: row.event_id,
  status: row.status,
  round: row.round,
  refusal: row.refusal_code === null ? null : { code: row.refusal_code, reason: row.refusal_reason ?? '' },
  createdBy: row.created_by,
  createdAt: row.created_at.toISOString(),
});

const toProposal = (row: ProposalRow, revisions: RevisionRow[]): Proposal => ({
  proposalId: row.proposal_id,
  organizationId: row.organization_id,
  communityCode: row.community_code,
  status: row.status,
  revisions: revisions.map(toRevision),
  decision:
    row.decision_id === null
      ? null
      : { decisionId: row.decision_id, stage: row.decision_stage!, round: row.decision_round ?? 1 },
  lastSeq: row.last_seq,
  result: row.result,
  calledIn: row.called_in,
  callInUntil: row.call_in_until?.toISOString() ?? null,
  filingRuleVersion: row.filing_rule_version,
  withdrawal: row.withdrawal,
  createdBy: row.created_by,
  createdAt: row.created_at.toISOString(),
});

const PROPOSAL_FIELDS = (p: Proposal) => [
  p.proposalId,
  p.status,
  Math.max(...p.revisions.map((r) => r.revisionNo)),
  p.decision?.decisionId ?? null,
  p.decision?.stage ?? null,
  p.decision?.round ?? null,
  p.lastSeq,
  p.result,
  p.calledIn === null ? null : JSON.stringify(p.calledIn),
  p.callInUntil,
  p.filingRuleVersion,
  p.withdrawal === null ? null : JSON.stringify(p.withdrawal),
];

/** proposal and proposal_revision in the organization's schema (the data source's), in plain SQL. */
@Injectable()
export class PostgresProposalRepository extends ProposalRepository {
  private readonly proposals: string;
  private readonly revisions: string;

  constructor(@Inject(getDataSourceToken()) private readonly dataSource: DataSource) {
    super();
    const schema = schemaNameOf(dataSource);
    this.proposals = qualifiedTable(schema, 'proposal');
    this.revisions = qualifiedTable(schema, 'proposal_revision');
  }

  async insert(manager: EntityManager, proposal: Proposal): Promise<void> {
    await manager.query(
      `INSERT INTO ${this.proposals} (proposal_id, status, current_revision, decision_id, decision_stage,
         decision_round, last_seq, result, called_in, call_in_until, filing_rule_version, withdrawal,
         organization_id, community_code, created_by, created_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16)`,
      [
        ...PROPOSAL_FIELDS(proposal),
        ...[proposal.organizationId, proposal.communityCode, proposal.createdBy, proposal.createdAt],
      ],
    );
    await this.saveRevisions(manager, proposal);
  }

  async save(manager: EntityManager, proposal: Proposal): Promise<void> {
    await manager.query(
      `UPDATE ${this.proposals} SET status = $2, current_revision = $3, decision_id = $4, decision_stage = $5,
         decision_round = $6, last_seq = $7, result = $8, called_in = $9, call_in_until = $10,
         filing_rule_version = $11, withdrawal = $12, updated_at = now()
       WHERE proposal_id = $1`,
      PROPOSAL_FIELDS(proposal),
    );
    await this.saveRevisions(manager, proposal);
  }

  private async saveRevisions(manager: EntityManager, proposal: Proposal): Promise<void> {
    for (const r of proposal.revisions) {
      await manager.query(
        `INSERT INTO ${this.revisions} (proposal_id, revision_no, content, revision_text, event_id, status, round,
           refusal_code, refusal_reason, created_by, created_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)
         ON CONFLICT (proposal_id, revision_no) DO UPDATE SET content = EXCLUDED.content,
           event_id = EXCLUDED.event_id, status = EXCLUDED.status, round = EXCLUDED.round,
           refusal_code = EXCLUDED.refusal_code, refusal_reason = EXCLUDED.refusal_reason`,
        [
          ...[proposal.proposalId, r.revisionNo, JSON.stringify(r.content), r.revisionText, r.eventId, r.status],
          ...[r.round, r.refusal?.code ?? null, r.refusal?.reason ?? null, r.createdBy, r.createdAt],
        ],
      );
    }
  }

  async lock(manager: EntityManager, proposalId: string): Promise<Proposal | null> {
    const rows = await manager.query<ProposalRow[]>(
      `SELECT * FROM ${this.proposals} WHERE proposal_id = $1 FOR UPDATE`,
      [proposalId],
    );
    return rows[0] ? toProposal(rows[0], await this.revisionsOf(manager, [proposalId])) : null;
  }

  async find(proposalId: string): Promise<Proposal | null> {
    const rows = await this.dataSource.query<ProposalRow[]>(`SELECT * FROM ${this.proposals} WHERE proposal_id = $1`, [
      proposalId,
    ]);
    return rows[0] ? toProposal(rows[0], await this.revisionsOf(this.dataSource.manager, [proposalId])) : null;
  }

  async idsOf(manager: EntityManager, organizationId: string, statuses: readonly ProposalStatus[]): Promise<string[]> {
    const rows = await manager.query<{ proposal_id: string }[]>(
      `SELECT proposal_id FROM ${this.proposals} WHERE organization_id = $1 AND status = ANY($2)
       ORDER BY created_at, proposal_id`,
      [organizationId, statuses],
    );
    return rows.map((row) => row.proposal_id);
  }

  async list({ organizationId, status, includeUnsent }: ProposalFilter): Promise<Proposal[]> {
    const rows = await this.dataSource.query<ProposalRow[]>(
      `SELECT * FROM ${this.proposals}
       WHERE organization_id = $1 AND ($2::text IS NULL OR status = $2)
         AND ($3 OR status NOT IN ('draft', 'discarded'))
       ORDER BY created_at DESC, proposal_id LIMIT 500`,
      [organizationId, status ?? null, includeUnsent],
    );
    const revisions = await this.revisionsOf(
      this.dataSource.manager,
      rows.map((row) => row.proposal_id),
    );
    return rows.map((row) =>
      toProposal(
        row,
        revisions.filter((r) => r.proposal_id === row.proposal_id),
      ),
    );
  }

  private revisionsOf(manager: EntityManager, proposalIds: string[]): Promise<RevisionRow[]> {
    return manager.query<RevisionRow[]>(
      `SELECT * FROM ${this.revisions} WHERE proposal_id = ANY($1) ORDER BY proposal_id, revision_no`,
      [proposalIds],
    );
  }
}
