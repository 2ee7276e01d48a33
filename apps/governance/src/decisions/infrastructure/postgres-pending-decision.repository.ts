import { Inject, Injectable } from '@nestjs/common';
import { getDataSourceToken } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { qualifiedTable, schemaNameOf } from '@sanshe/persistence';
import { type PendingDecision, PendingDecisionRepository } from '../domain/pending-decision.repository';

interface Row {
  decision_id: string;
  kind: string;
  subject_id: string;
  community_code: string;
  title: string;
  round: number;
  stage: string;
  pending: PendingDecision['pending'];
  deadline: string;
}

/** pending_decision and pending_vote in governance's schema (migration 1795737600005). */
@Injectable()
export class PostgresPendingDecisionRepository extends PendingDecisionRepository {
  private readonly decisions: string;
  private readonly votes: string;

  constructor(@Inject(getDataSourceToken()) private readonly dataSource: DataSource) {
    super();
    const schema = schemaNameOf(dataSource);
    this.decisions = qualifiedTable(schema, 'pending_decision');
    this.votes = qualifiedTable(schema, 'pending_vote');
  }

  async record(manager: EntityManager, d: PendingDecision, auditSeq: number): Promise<void> {
    await manager.query(
      `INSERT INTO ${this.decisions}
         (decision_id, kind, subject_id, community_code, title, round, stage, audit_seq, pending)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9::jsonb)
       ON CONFLICT (decision_id) DO UPDATE
         SET round = excluded.round, stage = excluded.stage, audit_seq = excluded.audit_seq,
             pending = excluded.pending, updated_at = now()
         WHERE ${this.decisions}.audit_seq < excluded.audit_seq`,
      [
        d.decisionId,
        d.kind,
        d.subjectId,
        d.communityCode,
        d.title,
        d.round,
        d.stage,
        auditSeq,
        JSON.stringify(d.pending),
      ],
    );
  }

  async close(manager: EntityManager, decisionId: string): Promise<void> {
    await manager.query(`DELETE FROM ${this.decisions} WHERE decision_id = $1`, [decisionId]);
    await manager.query(`DELETE FROM ${this.votes} WHERE decision_id = $1`, [decisionId]);
  }

  async voted(manager: EntityManager, decisionId: string, partyId: string, round: number): Promise<void> {
    await manager.query(
      `INSERT INTO ${this.votes} (decision_id, party_id, round) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING`,
      [decisionId, partyId, round],
    );
  }

  async waitingOn(partyId: string): Promise<(PendingDecision & { deadline: string })[]> {
    const rows = await this.dataSource.query<Row[]>(
      `SELECT d.decision_id, d.kind, d.subject_id, d.community_code, d.title, d.round, d.stage, d.pending,
              (SELECT p->>'deadline' FROM jsonb_array_elements(d.pending) AS p WHERE p->>'partyId' = $2) AS deadline
         FROM ${this.decisions} AS d
        WHERE d.pending @> $1::jsonb
          AND NOT EXISTS (SELECT 1 FROM ${this.votes} AS v
                           WHERE v.decision_id = d.decision_id AND v.party_id = $2 AND v.round = d.round)
        ORDER BY deadline, d.decision_id
        LIMIT 500`,
      [JSON.stringify([{ partyId }]), partyId],
    );
    return rows.map((row) => ({
      decisionId: row.decision_id,
      kind: row.kind,
      subjectId: row.subject_id,
      communityCode: row.community_code,
      title: row.title,
      round: row.round,
      stage: row.stage,
      pending: row.pending,
      deadline: row.deadline,
    }));
  }
}
