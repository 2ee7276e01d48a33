import { Inject, Injectable } from '@nestjs/common';
import { getDataSourceToken } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { qualifiedTable, schemaNameOf } from '@sanshe/persistence';
import type { OverviewProposal } from '../domain/community-overview';
import {
  type CommunityOverviewRows,
  type DecisionFact,
  type GrantFact,
  OverviewRepository,
} from '../domain/overview.repository';
import { readOverview, type OverviewTables } from './overview-queries';

/** The overview tables in the community's schema, in plain SQL; each write is one idempotent upsert. */
@Injectable()
export class PostgresOverviewRepository extends OverviewRepository {
  private readonly tables: OverviewTables;

  constructor(@Inject(getDataSourceToken()) private readonly dataSource: DataSource) {
    super();
    const schema = schemaNameOf(dataSource);
    this.tables = {
      proposal: qualifiedTable(schema, 'overview_proposal'),
      activity: qualifiedTable(schema, 'overview_activity'),
      decision: qualifiedTable(schema, 'overview_decision'),
      grant: qualifiedTable(schema, 'overview_grant'),
    };
  }

  async proposalSubmitted(
    manager: EntityManager,
    p: Omit<OverviewProposal, 'amended'> & { communityCode: string; seq: number },
  ): Promise<void> {
    await manager.query(
      `INSERT INTO ${this.tables.proposal} AS t (proposal_id, organization_id, community_code, title, need_id,
         last_seq, submitted_at, updated_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $7)
       ON CONFLICT (proposal_id) DO UPDATE SET organization_id = excluded.organization_id,
         community_code = excluded.community_code, title = excluded.title, need_id = excluded.need_id,
         last_seq = excluded.last_seq, updated_at = excluded.updated_at
       WHERE t.last_seq < excluded.last_seq`,
      [p.proposalId, p.organizationId, p.communityCode, p.title, p.needId, p.seq, p.submittedAt],
    );
  }

  async proposalAmended(
    manager: EntityManager,
    a: {
      proposalId: string;
      organizationId: string;
      communityCode: string;
      title: string | null;
      seq: number;
      at: Date;
    },
  ): Promise<void> {
    // An amendment of a proposal not seen yet still shows it (titled by its id until a title is known).
    await manager.query(
      `INSERT INTO ${this.tables.proposal} AS t (proposal_id, organization_id, community_code, title, amended,
         last_seq, submitted_at, updated_at)
       VALUES ($1, $2, $3, COALESCE($4, $1), 1, $5, $6, $6)
       ON CONFLICT (proposal_id) DO UPDATE SET title = COALESCE($4, t.title), amended = t.amended + 1,
         last_seq = excluded.last_seq, updated_at = excluded.updated_at
       WHERE t.last_seq < excluded.last_seq`,
      [a.proposalId, a.organizationId, a.communityCode, a.title, a.seq, a.at],
    );
  }

  async activityCompleted(
    manager: EntityManager,
    a: { activityId: string; organizationId: string; communityCode: string; completedAt: Date },
  ): Promise<void> {
    await manager.query(
      `INSERT INTO ${this.tables.activity} (activity_id, organization_id, community_code, completed_at)
       VALUES ($1, $2, $3, $4) ON CONFLICT (activity_id) DO NOTHING`,
      [a.activityId, a.organizationId, a.communityCode, a.completedAt],
    );
  }

  async recordDecision(manager: EntityManager, f: DecisionFact): Promise<void> {
    // What identifies the decision is filled in whenever an event knows it; its state follows only a
    // later position in the audit trail (a replayed or late event never rolls it back).
    const later = 't.last_seq < excluded.last_seq';
    await manager.query(
      `INSERT INTO ${this.tables.decision} AS t (decision_id, kind, subject_id, community_code, title, stage,
         escalation_level, arbiter_id, result, decided_by, last_seq, updated_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)
       ON CONFLICT (decision_id) DO UPDATE SET
         community_code = COALESCE(t.community_code, excluded.community_code),
         title = COALESCE(t.title, excluded.title),
         stage = CASE WHEN ${later} THEN excluded.stage ELSE t.stage END,
         escalation_level = CASE WHEN ${later} THEN COALESCE(excluded.escalation_level, t.escalation_level)
           ELSE t.escalation_level END,
         arbiter_id = CASE WHEN ${later} THEN COALESCE(excluded.arbiter_id, t.arbiter_id) ELSE t.arbiter_id END,
         result = CASE WHEN ${later} THEN excluded.result ELSE t.result END,
         decided_by = CASE WHEN ${later} THEN excluded.decided_by ELSE t.decided_by END,
         updated_at = CASE WHEN ${later} THEN excluded.updated_at ELSE t.updated_at END,
         last_seq = GREATEST(t.last_seq, excluded.last_seq)`,
      [
        f.decisionId,
        f.kind,
        f.subjectId,
        f.communityCode,
        f.title,
        f.stage,
        f.escalationLevel,
        f.arbiterId,
        f.result,
        f.decidedBy,
        f.seq,
        f.at,
      ],
    );
  }

  async recordGrant(manager: EntityManager, f: GrantFact): Promise<void> {
    // The award fills the details; the award decision's outcome sets the status. Either may come first
    // (they travel on different topics), and neither undoes the other.
    const a = f.award;
    await manager.query(
      `INSERT INTO ${this.tables.grant} AS t (grant_id, community_code, program_id, organization_id, funder_id,
         amount_fen, currency, title, status, decision_id, updated_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, COALESCE($9, 'awarded'), $10, $11)
       ON CONFLICT (grant_id) DO UPDATE SET
         program_id = COALESCE(excluded.program_id, t.program_id),
         organization_id = COALESCE(excluded.organization_id, t.organization_id),
         funder_id = COALESCE(excluded.funder_id, t.funder_id),
         amount_fen = COALESCE(excluded.amount_fen, t.amount_fen),
         currency = COALESCE(excluded.currency, t.currency),
         title = COALESCE(excluded.title, t.title),
         status = COALESCE($9, t.status),
         decision_id = COALESCE(excluded.decision_id, t.decision_id),
         updated_at = GREATEST(t.updated_at, excluded.updated_at)`,
      [
        f.grantId,
        f.communityCode,
        a?.programId ?? null,
        a?.organizationId ?? null,
        a?.funderId ?? null,
        a?.amountFen ?? null,
        a?.currency ?? null,
        a?.title ?? null,
        f.decided?.status ?? null,
        f.decided?.decisionId ?? null,
        f.at,
      ],
    );
  }

  overviewOf(communityCode: string): Promise<CommunityOverviewRows> {
    return readOverview(this.dataSource.manager, this.tables, communityCode);
  }
}
