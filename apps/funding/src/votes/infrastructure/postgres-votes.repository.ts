import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import type { VoteChoice } from '@sanshe/contracts';
import { qualifiedTable, schemaNameOf } from '@sanshe/persistence';
import type { Seat, SeatVote, TrackedDecision } from '../domain/funder-seat';
import { type DecisionView, type Rejection, VotesRepository, type VoteView } from '../domain/votes.repository';

interface DecisionRow {
  decision_id: string;
  kind: string;
  subject_id: string;
  community_code: string;
  title: string;
  round: number;
  seats: Seat[];
  status: 'open' | 'decided';
  result: string | null;
}
interface VoteRow {
  decision_id: string;
  party_id: string;
  round: number;
  choice: VoteChoice;
  reason: SeatVote['reason'];
  mode: SeatVote['mode'];
  rules_version: number | null;
  cast_by: string;
  event_id: string;
  cast_at: Date;
  rejection_code: string | null;
  rejection_reason: string | null;
}

const toDecision = (row: DecisionRow): TrackedDecision => ({
  decisionId: row.decision_id,
  kind: row.kind,
  subjectId: row.subject_id,
  communityCode: row.community_code,
  title: row.title,
  round: row.round,
  seats: row.seats,
  status: row.status,
  result: row.result,
});

const toVote = (row: VoteRow): VoteView => ({
  decisionId: row.decision_id,
  partyId: row.party_id,
  round: row.round,
  choice: row.choice,
  reason: row.reason,
  mode: row.mode,
  rulesVersion: row.rules_version,
  castBy: row.cast_by,
  eventId: row.event_id,
  castAt: row.cast_at.toISOString(),
  status: row.rejection_code ? 'rejected' : 'sent',
  rejection: row.rejection_code ? { code: row.rejection_code, reason: row.rejection_reason ?? '' } : null,
});

/** funding_decision and funding_seat_vote (migration 1799000000041). */
@Injectable()
export class PostgresVotesRepository extends VotesRepository {
  private readonly decision: string;
  private readonly vote: string;

  constructor(private readonly dataSource: DataSource) {
    super();
    const schema = schemaNameOf(dataSource);
    this.decision = qualifiedTable(schema, 'funding_decision');
    this.vote = qualifiedTable(schema, 'funding_seat_vote');
  }

  async open(manager: EntityManager, d: TrackedDecision): Promise<void> {
    await manager.query(
      `INSERT INTO ${this.decision} (decision_id, kind, subject_id, community_code, title, round, seats)
       VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT DO NOTHING`,
      [d.decisionId, d.kind, d.subjectId, d.communityCode, d.title, d.round, JSON.stringify(d.seats)],
    );
  }

  async lock(manager: EntityManager, decisionId: string): Promise<TrackedDecision | null> {
    const [row] = await manager.query<DecisionRow[]>(
      `SELECT * FROM ${this.decision} WHERE decision_id = $1 FOR UPDATE`,
      [decisionId],
    );
    return row ? toDecision(row) : null;
  }

  async openRound(manager: EntityManager, decisionId: string, round: number, seats: Seat[]): Promise<void> {
    await manager.query(
      `UPDATE ${this.decision} SET round = $2, seats = $3, updated_at = now() WHERE decision_id = $1`,
      [decisionId, round, JSON.stringify(seats)],
    );
  }

  async close(manager: EntityManager, decisionId: string, result: string): Promise<void> {
    await manager.query(
      `UPDATE ${this.decision} SET status = 'decided', result = $2, updated_at = now() WHERE decision_id = $1`,
      [decisionId, result],
    );
  }

  async openOfSubject(manager: EntityManager, subjectId: string): Promise<string[]> {
    const rows = await manager.query<{ decision_id: string }[]>(
      `SELECT decision_id FROM ${this.decision} WHERE subject_id = $1 AND status = 'open' ORDER BY decision_id`,
      [subjectId],
    );
    return rows.map((row) => row.decision_id);
  }

  async cast(manager: EntityManager, decisionId: string) {
    const rows = await manager.query<{ party_id: string; round: number; choice: VoteChoice }[]>(
      `SELECT party_id, round, choice FROM ${this.vote} WHERE decision_id = $1`,
      [decisionId],
    );
    return rows.map((row) => ({ partyId: row.party_id, round: row.round, choice: row.choice }));
  }

  async insertVote(manager: EntityManager, v: SeatVote): Promise<boolean> {
    const inserted = await manager.query<unknown[]>(
      `INSERT INTO ${this.vote} (decision_id, party_id, round, choice, reason, mode, rules_version, cast_by, event_id)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) ON CONFLICT DO NOTHING RETURNING event_id`,
      [
        v.decisionId,
        v.partyId,
        v.round,
        v.choice,
        v.reason ? JSON.stringify(v.reason) : null,
        v.mode,
        v.rulesVersion,
        v.castBy,
        v.eventId,
      ],
    );
    return inserted.length > 0;
  }

  async rejectVote(manager: EntityManager, eventId: string, rejection: Rejection): Promise<boolean> {
    const updated = await manager.query<unknown[]>(
      `UPDATE ${this.vote} SET rejection_code = $2, rejection_reason = $3 WHERE event_id = $1 RETURNING event_id`,
      [eventId, rejection.code, rejection.reason],
    );
    return updated.length > 0;
  }

  async votesOf(decisionId: string): Promise<VoteView[]> {
    const rows = await this.dataSource.query<VoteRow[]>(
      `SELECT * FROM ${this.vote} WHERE decision_id = $1 ORDER BY round, party_id`,
      [decisionId],
    );
    return rows.map(toVote);
  }

  async decisionsSeating(partyIds: readonly string[] | null, { pending }: { pending: boolean }) {
    const seated = `EXISTS (SELECT 1 FROM jsonb_array_elements(d.seats) s
                     WHERE $1::text[] IS NULL OR s->>'partyId' = ANY($1::text[])
                       ${
                         pending
                           ? `AND NOT EXISTS (SELECT 1 FROM ${this.vote} v WHERE v.decision_id = d.decision_id
                                      AND v.round = d.round AND v.party_id = s->>'partyId')`
                           : ''
                       })`;
    const rows = await this.dataSource.query<DecisionRow[]>(
      `SELECT d.* FROM ${this.decision} d WHERE ${seated} ${pending ? `AND d.status = 'open'` : ''}
        ORDER BY d.opened_at DESC, d.decision_id LIMIT 200`,
      [partyIds],
    );
    const views: DecisionView[] = [];
    for (const row of rows) views.push({ ...toDecision(row), votes: await this.votesOf(row.decision_id) });
    return views;
  }
}
