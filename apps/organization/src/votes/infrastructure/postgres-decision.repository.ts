import { Inject, Injectable } from '@nestjs/common';
import { getDataSourceToken } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { qualifiedTable, schemaNameOf } from '@sanshe/persistence';
import { DecisionRepository, type SeatedDecision } from '../domain/decision.repository';
import type { DecisionSeat, DecisionStage, OrgDecision } from '../domain/org-decision';
import type { OrgVote, Rejection } from '../domain/org-vote';

interface DecisionRow {
  decision_id: string;
  kind: string;
  subject_id: string;
  community_code: string;
  title: string;
  proposer_id: string;
  stage: DecisionStage;
  round: number;
  last_seq: number;
  result: string | null;
}
interface SeatRow {
  party_id: string;
  seat_round: number;
  deadline: Date;
}
interface VoteRow {
  vote_id: string;
  event_id: string;
  decision_id: string;
  party_id: string;
  round: number;
  choice: OrgVote['choice'];
  reason: OrgVote['reason'];
  cast_by_sub: string;
  status: OrgVote['status'];
  rejection_code: string | null;
  rejection_reason: string | null;
}

const toDecision = (row: DecisionRow): OrgDecision => ({
  decisionId: row.decision_id,
  kind: row.kind,
  subjectId: row.subject_id,
  communityCode: row.community_code,
  title: row.title,
  proposerId: row.proposer_id,
  stage: row.stage,
  round: row.round,
  lastSeq: row.last_seq,
  result: row.result,
});
const toSeat = (row: SeatRow): DecisionSeat => ({
  partyId: row.party_id,
  round: row.seat_round,
  deadline: row.deadline.toISOString(),
});
export const toRejection = (code: string | null, reason: string | null): Rejection | null =>
  code ? { code, reason: reason ?? '' } : null;
const toVote = (row: VoteRow): OrgVote => ({
  voteId: row.vote_id,
  eventId: row.event_id,
  decisionId: row.decision_id,
  partyId: row.party_id,
  round: row.round,
  choice: row.choice,
  reason: row.reason,
  castBySub: row.cast_by_sub,
  status: row.status,
  rejection: toRejection(row.rejection_code, row.rejection_reason),
});

/** TypeORM returns [rows, count] for UPDATE … RETURNING on PostgreSQL. */
export const updatedRows = (result: unknown[]) => (Array.isArray(result[0]) ? (result[0] as unknown[]) : result);

/** org_decision, org_decision_seat and org_vote in the service's own schema. */
@Injectable()
export class PostgresDecisionRepository extends DecisionRepository {
  private readonly decisions: string;
  private readonly seats: string;
  private readonly votes: string;

  constructor(@Inject(getDataSourceToken()) private readonly dataSource: DataSource) {
    super();
    const schema = schemaNameOf(dataSource);
    this.decisions = qualifiedTable(schema, 'org_decision');
    this.seats = qualifiedTable(schema, 'org_decision_seat');
    this.votes = qualifiedTable(schema, 'org_vote');
  }

  async open(manager: EntityManager, d: OrgDecision, seats: DecisionSeat[]): Promise<void> {
    const inserted = await manager.query<unknown[]>(
      `INSERT INTO ${this.decisions}
         (decision_id, kind, subject_id, community_code, title, proposer_id, stage, round, last_seq)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) ON CONFLICT (decision_id) DO NOTHING RETURNING decision_id`,
      [d.decisionId, d.kind, d.subjectId, d.communityCode, d.title, d.proposerId, d.stage, d.round, d.lastSeq],
    );
    if (inserted.length > 0) await this.replaceSeats(manager, d.decisionId, seats);
  }

  async lock(manager: EntityManager, decisionId: string): Promise<OrgDecision | null> {
    const rows = await manager.query<DecisionRow[]>(
      `SELECT * FROM ${this.decisions} WHERE decision_id = $1 FOR UPDATE`,
      [decisionId],
    );
    return rows[0] ? toDecision(rows[0]) : null;
  }

  async update(
    manager: EntityManager,
    decisionId: string,
    change: { stage: DecisionStage; lastSeq: number; round?: number; result?: string },
  ): Promise<void> {
    await manager.query(
      `UPDATE ${this.decisions} SET stage = $2, last_seq = greatest(last_seq, $3), round = coalesce($4, round),
         result = coalesce($5, result), updated_at = now() WHERE decision_id = $1`,
      [decisionId, change.stage, change.lastSeq, change.round ?? null, change.result ?? null],
    );
  }

  async replaceSeats(manager: EntityManager, decisionId: string, seats: DecisionSeat[]): Promise<void> {
    await manager.query(`DELETE FROM ${this.seats} WHERE decision_id = $1`, [decisionId]);
    for (const seat of seats) {
      await manager.query(
        `INSERT INTO ${this.seats} (decision_id, party_id, round, deadline) VALUES ($1, $2, $3, $4)`,
        [decisionId, seat.partyId, seat.round, seat.deadline],
      );
    }
  }

  async seat(manager: EntityManager, decisionId: string, partyId: string): Promise<DecisionSeat | null> {
    const rows = await manager.query<SeatRow[]>(
      `SELECT party_id, round AS seat_round, deadline FROM ${this.seats} WHERE decision_id = $1 AND party_id = $2`,
      [decisionId, partyId],
    );
    return rows[0] ? toSeat(rows[0]) : null;
  }

  async listFor(partyId: string, includeClosed: boolean): Promise<SeatedDecision[]> {
    const rows = await this.dataSource.query<(DecisionRow & SeatRow)[]>(
      `SELECT d.*, s.party_id, s.round AS seat_round, s.deadline FROM ${this.decisions} d
         JOIN ${this.seats} s ON s.decision_id = d.decision_id
        WHERE s.party_id = $1 AND d.proposer_id <> $1 AND ($2 OR d.stage <> 'closed')
        ORDER BY d.opened_at DESC, d.decision_id`,
      [partyId, includeClosed],
    );
    const votes = await this.dataSource.query<VoteRow[]>(
      `SELECT * FROM ${this.votes} WHERE party_id = $1 ORDER BY created_at, vote_id`,
      [partyId],
    );
    return rows.map((row) => ({
      ...toDecision(row),
      seat: toSeat(row),
      votes: votes.filter((v) => v.decision_id === row.decision_id).map(toVote),
    }));
  }

  async insertVote(manager: EntityManager, v: OrgVote): Promise<void> {
    await manager.query(
      `INSERT INTO ${this.votes} (vote_id, event_id, decision_id, party_id, round, choice, reason, cast_by_sub, status)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
      [
        ...[v.voteId, v.eventId, v.decisionId, v.partyId, v.round, v.choice],
        ...[v.reason ? JSON.stringify(v.reason) : null, v.castBySub, v.status],
      ],
    );
  }

  async vote(voteId: string): Promise<OrgVote | null> {
    const rows = await this.dataSource.query<VoteRow[]>(`SELECT * FROM ${this.votes} WHERE vote_id = $1`, [voteId]);
    return rows[0] ? toVote(rows[0]) : null;
  }

  async rejectVote(manager: EntityManager, eventId: string, rejection: Rejection): Promise<boolean> {
    const result = await manager.query<unknown[]>(
      `UPDATE ${this.votes} SET status = 'rejected', rejection_code = $2, rejection_reason = $3
        WHERE event_id = $1 RETURNING vote_id`,
      [eventId, rejection.code, rejection.reason],
    );
    return updatedRows(result).length > 0;
  }
}
