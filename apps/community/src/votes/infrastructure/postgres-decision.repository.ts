import { Inject, Injectable } from '@nestjs/common';
import { getDataSourceToken } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { qualifiedTable, schemaNameOf } from '@sanshe/persistence';
import type { CommunityDecision, DecisionSeat, DecisionStage } from '../domain/community-decision';
import type { CommunityVote } from '../domain/community-vote';
import { DecisionRepository, type SeatedDecision } from '../domain/decision.repository';

interface DecisionRow {
  decision_id: string;
  kind: string;
  subject_id: string;
  community_code: string;
  title: string;
  stage: DecisionStage;
  round: number;
  result: string | null;
}
interface SeatRow {
  party_id: string;
  round: number;
  deadline: Date;
}
interface VoteRow {
  vote_id: string;
  event_id: string;
  decision_id: string;
  party_id: string;
  round: number;
  choice: CommunityVote['choice'];
  reason_code: string | null;
  reason_text: string | null;
  cast_by_sub: string;
  status: CommunityVote['status'];
  rejection_code: string | null;
  rejection_reason: string | null;
}

const toDecision = (row: DecisionRow): CommunityDecision => ({
  decisionId: row.decision_id,
  kind: row.kind,
  subjectId: row.subject_id,
  communityCode: row.community_code,
  title: row.title,
  stage: row.stage,
  round: row.round,
  result: row.result,
});
const toSeat = (row: SeatRow): DecisionSeat => ({
  partyId: row.party_id,
  round: row.round,
  deadline: row.deadline.toISOString(),
});
const toVote = (row: VoteRow): CommunityVote => ({
  voteId: row.vote_id,
  eventId: row.event_id,
  decisionId: row.decision_id,
  partyId: row.party_id,
  round: row.round,
  choice: row.choice,
  reason: row.reason_code && row.reason_text ? { code: row.reason_code, text: row.reason_text } : null,
  castBySub: row.cast_by_sub,
  status: row.status,
  rejection: row.rejection_code ? { code: row.rejection_code, reason: row.rejection_reason ?? '' } : null,
});

/** community_decision, decision_seat and community_vote in the service's own schema. */
@Injectable()
export class PostgresDecisionRepository extends DecisionRepository {
  private readonly decisions: string;
  private readonly seats: string;
  private readonly votes: string;

  constructor(@Inject(getDataSourceToken()) private readonly dataSource: DataSource) {
    super();
    const schema = schemaNameOf(dataSource);
    this.decisions = qualifiedTable(schema, 'community_decision');
    this.seats = qualifiedTable(schema, 'decision_seat');
    this.votes = qualifiedTable(schema, 'community_vote');
  }

  async open(manager: EntityManager, d: CommunityDecision, seats: DecisionSeat[]): Promise<void> {
    const inserted = await manager.query<unknown[]>(
      `INSERT INTO ${this.decisions} (decision_id, kind, subject_id, community_code, title, stage, round, opened_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, now()) ON CONFLICT (decision_id) DO NOTHING RETURNING decision_id`,
      [d.decisionId, d.kind, d.subjectId, d.communityCode, d.title, d.stage, d.round],
    );
    if (inserted.length > 0) await this.replaceSeats(manager, d.decisionId, seats);
  }

  async lock(manager: EntityManager, decisionId: string): Promise<CommunityDecision | null> {
    const rows = await manager.query<DecisionRow[]>(
      `SELECT * FROM ${this.decisions} WHERE decision_id = $1 FOR UPDATE`,
      [decisionId],
    );
    return rows[0] ? toDecision(rows[0]) : null;
  }

  async update(
    manager: EntityManager,
    decisionId: string,
    change: { stage: DecisionStage; round?: number; result?: string },
  ): Promise<void> {
    await manager.query(
      `UPDATE ${this.decisions} SET stage = $2, round = coalesce($3, round), result = coalesce($4, result),
         updated_at = now() WHERE decision_id = $1`,
      [decisionId, change.stage, change.round ?? null, change.result ?? null],
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
      `SELECT party_id, round, deadline FROM ${this.seats} WHERE decision_id = $1 AND party_id = $2`,
      [decisionId, partyId],
    );
    return rows[0] ? toSeat(rows[0]) : null;
  }

  async listFor(partyId: string, includeClosed: boolean): Promise<SeatedDecision[]> {
    const rows = await this.dataSource.query<(DecisionRow & SeatRow)[]>(
      `SELECT d.*, s.party_id, s.round AS seat_round, s.deadline FROM ${this.decisions} d
         JOIN ${this.seats} s ON s.decision_id = d.decision_id
        WHERE s.party_id = $1 AND ($2 OR d.stage <> 'closed') ORDER BY d.opened_at DESC, d.decision_id`,
      [partyId, includeClosed],
    );
    const votes = await this.dataSource.query<VoteRow[]>(
      `SELECT * FROM ${this.votes} WHERE party_id = $1 ORDER BY created_at, vote_id`,
      [partyId],
    );
    return rows.map((row) => ({
      ...toDecision(row),
      seat: toSeat({ ...row, round: (row as unknown as { seat_round: number }).seat_round }),
      votes: votes.filter((v) => v.decision_id === row.decision_id).map(toVote),
    }));
  }

  async insertVote(manager: EntityManager, v: CommunityVote): Promise<void> {
    await manager.query(
      `INSERT INTO ${this.votes} (vote_id, event_id, decision_id, party_id, round, choice, reason_code, reason_text,
         cast_by_sub, status) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
      [
        v.voteId,
        v.eventId,
        v.decisionId,
        v.partyId,
        v.round,
        v.choice,
        v.reason?.code ?? null,
        v.reason?.text ?? null,
        v.castBySub,
        v.status,
      ],
    );
  }

  async vote(voteId: string): Promise<CommunityVote | null> {
    const rows = await this.dataSource.query<VoteRow[]>(`SELECT * FROM ${this.votes} WHERE vote_id = $1`, [voteId]);
    return rows[0] ? toVote(rows[0]) : null;
  }

  async rejectVote(
    manager: EntityManager,
    eventId: string,
    rejection: { code: string; reason: string },
  ): Promise<boolean> {
    const rows = await manager.query<unknown[]>(
      `UPDATE ${this.votes} SET status = 'rejected', rejection_code = $2, rejection_reason = $3
        WHERE event_id = $1 RETURNING vote_id`,
      [eventId, rejection.code, rejection.reason],
    );
    // TypeORM returns [rows, count] for UPDATE … RETURNING on PostgreSQL.
    const returned = Array.isArray(rows[0]) ? (rows[0] as unknown[]) : rows;
    return returned.length > 0;
  }
}
