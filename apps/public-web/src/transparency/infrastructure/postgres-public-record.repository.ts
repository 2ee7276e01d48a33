import { Inject, Injectable } from '@nestjs/common';
import { getDataSourceToken } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { qualifiedTable, schemaNameOf } from '@sanshe/persistence';
import type { PublicEvaluation, PublicNeed, Seat } from '../domain/public-record';
import {
  type CommunityRecord,
  type CommunitySummary,
  type DecisionFact,
  PublicRecordRepository,
  type TrancheFact,
  type VoteFact,
} from '../domain/public-record.repository';
import { PUBLIC_TABLES, type PublicTables, readCommunities, readRecord } from './public-record-queries';

/** The public record in public-web's schema, in plain SQL; each write is one idempotent upsert. */
@Injectable()
export class PostgresPublicRecordRepository extends PublicRecordRepository {
  private readonly t: PublicTables;

  constructor(@Inject(getDataSourceToken()) private readonly dataSource: DataSource) {
    super();
    const schema = schemaNameOf(dataSource);
    this.t = Object.fromEntries(
      PUBLIC_TABLES.map((name) => [name, qualifiedTable(schema, `public_${name}`)]),
    ) as PublicTables;
  }

  async recordCommunity(
    manager: EntityManager,
    c: { communityCode: string; streetCode: string; name: string; revision: number },
  ): Promise<void> {
    await manager.query(
      `INSERT INTO ${this.t.community} AS t (community_code, street_code, name, revision) VALUES ($1, $2, $3, $4)
       ON CONFLICT (community_code) DO UPDATE SET street_code = excluded.street_code, name = excluded.name,
         revision = excluded.revision WHERE t.revision < excluded.revision`,
      [c.communityCode, c.streetCode, c.name, c.revision],
    );
  }

  async recordNeed(manager: EntityManager, n: PublicNeed & { communityCode: string }): Promise<void> {
    await manager.query(
      `INSERT INTO ${this.t.need} (need_id, community_code, category, title, target_group, expected_size, priority,
         period_from, period_to, status, published_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, 'open', $10) ON CONFLICT (need_id) DO NOTHING`,
      [
        ...[n.needId, n.communityCode, n.category, n.title, n.targetGroup, n.expectedSize, n.priority],
        ...[n.period.from, n.period.to, n.publishedAt],
      ],
    );
  }

  async updateNeed(
    manager: EntityManager,
    c: { needId: string; status: 'matched' | 'closed'; closeReason: string | null; decisionId: string | null },
  ): Promise<void> {
    // Closed is final: a late matched never reopens it.
    await manager.query(
      `UPDATE ${this.t.need} SET status = CASE WHEN status = 'closed' THEN status ELSE $2 END,
         close_reason = COALESCE($3, close_reason), decision_id = COALESCE($4, decision_id)
       WHERE need_id = $1`,
      [c.needId, c.status, c.closeReason, c.decisionId],
    );
  }

  async recordDecision(manager: EntityManager, f: DecisionFact): Promise<void> {
    // What identifies the decision is filled in whenever an event knows it; its state follows only a later
    // position in the audit trail.
    const later = (column: string) => `CASE WHEN t.last_seq < excluded.last_seq
      THEN COALESCE(excluded.${column}, t.${column}) ELSE COALESCE(t.${column}, excluded.${column}) END`;
    const stateColumns = ['result', 'decided_by', 'level', 'arbiter_id', 'outcome_reason', 'tally', 'decided_at'];
    await manager.query(
      `INSERT INTO ${this.t.decision} AS t (decision_id, kind, subject_id, community_code, title, proposer_id, stage,
         result, decided_by, level, arbiter_id, outcome_reason, tally, opened_at, decided_at, last_seq)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16)
       ON CONFLICT (decision_id) DO UPDATE SET
         community_code = COALESCE(t.community_code, excluded.community_code),
         title = COALESCE(t.title, excluded.title),
         proposer_id = COALESCE(t.proposer_id, excluded.proposer_id),
         opened_at = COALESCE(t.opened_at, excluded.opened_at),
         stage = CASE WHEN t.last_seq < excluded.last_seq THEN excluded.stage ELSE t.stage END,
         ${stateColumns.map((c) => `${c} = ${later(c)}`).join(',\n         ')},
         last_seq = GREATEST(t.last_seq, excluded.last_seq)`,
      [
        ...[f.decisionId, f.kind, f.subjectId, f.communityCode, f.title, f.proposerId, f.stage, f.result],
        ...[f.decidedBy, f.level, f.arbiterId, f.outcomeReason, f.tally, f.openedAt, f.decidedAt, f.seq],
      ],
    );
  }

  async recordSeats(manager: EntityManager, seats: Seat[]): Promise<void> {
    for (const s of seats) {
      await manager.query(
        `INSERT INTO ${this.t.seat} (decision_id, round, party_id, deadline, opened_at) VALUES ($1, $2, $3, $4, $5)
         ON CONFLICT (decision_id, round, party_id) DO NOTHING`,
        [s.decisionId, s.round, s.partyId, s.deadline, s.openedAt],
      );
    }
  }

  async recordVote(manager: EntityManager, v: VoteFact): Promise<void> {
    await manager.query(
      `INSERT INTO ${this.t.vote} (source, event_id, decision_id, party_id, choice, round, reason_code, reason_text,
         cast_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) ON CONFLICT (source, event_id) DO NOTHING`,
      [
        ...[v.source, v.eventId, v.decisionId, v.partyId, v.choice, v.round],
        ...[v.reason?.code ?? null, v.reason?.text ?? null, v.castAt],
      ],
    );
  }

  async recordRefusal(
    manager: EntityManager,
    r: { source: string; eventId: string; decisionId: string; code: string },
  ): Promise<void> {
    await manager.query(
      `INSERT INTO ${this.t.vote_refusal} (source, event_id, decision_id, code) VALUES ($1, $2, $3, $4)
       ON CONFLICT (source, event_id) DO NOTHING`,
      [r.source, r.eventId, r.decisionId, r.code],
    );
  }

  async recordGrant(manager: EntityManager, g: Parameters<PublicRecordRepository['recordGrant']>[1]): Promise<void> {
    await manager.query(
      `INSERT INTO ${this.t.grant} AS t (grant_id, community_code, program_id, organization_id, funder_id, title,
         amount_fen, currency, status) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
       ON CONFLICT (grant_id) DO UPDATE SET
         program_id = COALESCE(excluded.program_id, t.program_id),
         organization_id = COALESCE(excluded.organization_id, t.organization_id),
         funder_id = COALESCE(excluded.funder_id, t.funder_id), title = COALESCE(excluded.title, t.title),
         amount_fen = COALESCE(excluded.amount_fen, t.amount_fen), currency = COALESCE(excluded.currency, t.currency),
         status = CASE WHEN t.status = 'awarded' THEN excluded.status ELSE t.status END`,
      [
        ...[g.grantId, g.communityCode, g.programId, g.organizationId, g.funderId, g.title],
        ...[g.amount?.amountFen ?? null, g.amount?.currency ?? null, g.status],
      ],
    );
  }

  async voidGrant(manager: EntityManager, v: { grantId: string; reason: string }): Promise<void> {
    await manager.query(`UPDATE ${this.t.grant} SET status = 'voided', void_reason = $2 WHERE grant_id = $1`, [
      v.grantId,
      v.reason,
    ]);
  }

  async recordTranche(manager: EntityManager, f: TrancheFact): Promise<void> {
    await manager.query(
      `INSERT INTO ${this.t.tranche} AS t (grant_id, tranche_no, amount_fen, currency, milestone, due_date, paid_fen,
         paid_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
       ON CONFLICT (grant_id, tranche_no) DO UPDATE SET
         amount_fen = COALESCE(excluded.amount_fen, t.amount_fen), currency = COALESCE(excluded.currency, t.currency),
         milestone = COALESCE(excluded.milestone, t.milestone), due_date = COALESCE(excluded.due_date, t.due_date),
         paid_fen = COALESCE(t.paid_fen, excluded.paid_fen), paid_at = COALESCE(t.paid_at, excluded.paid_at)`,
      [
        ...[f.grantId, f.trancheNo, f.amount?.amountFen ?? f.paid?.amount.amountFen ?? null],
        ...[f.amount?.currency ?? f.paid?.amount.currency ?? null, f.milestone, f.dueDate],
        ...[f.paid?.amount.amountFen ?? null, f.paid?.paidAt ?? null],
      ],
    );
  }

  async recordEvaluation(manager: EntityManager, e: PublicEvaluation & { communityCode: string }): Promise<void> {
    await manager.query(
      `INSERT INTO ${this.t.evaluation} (evaluation_id, activity_id, organization_id, community_code, evaluator, scores,
         recorded_at) VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT (evaluation_id) DO NOTHING`,
      [e.evaluationId, e.activityId, e.organizationId, e.communityCode, e.evaluator, e.scores, e.recordedAt],
    );
  }

  communities(): Promise<CommunitySummary[]> {
    return readCommunities(this.dataSource.manager, this.t);
  }

  recordOf(communityCode: string): Promise<CommunityRecord | null> {
    return readRecord(this.dataSource.manager, this.t, communityCode);
  }
}
