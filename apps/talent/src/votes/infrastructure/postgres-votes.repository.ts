import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { qualifiedTable, schemaNameOf } from '@sanshe/persistence';
import type { ProposalRevision, TalentVote, TrackedDecision } from '../domain/talent-vote';
import {
  type Rejection,
  type SeatOfRound,
  type StoredRevision,
  VotesRepository,
  type VoteView,
} from '../domain/votes.repository';

interface DecisionRow {
  decision_id: string;
  kind: string;
  proposal_id: string;
  round: number;
  round_texts: Record<number, string>;
  closed: boolean;
}
interface VoteRow {
  decision_id: string;
  party_id: string;
  round: number;
  revision_no: number;
  rules_version: number;
  choice: TalentVote['choice'];
  reason: TalentVote['reason'];
  event_id: string;
  cast_at: Date;
  rejection_code: string | null;
  rejection_reason: string | null;
}

const toVote = (row: VoteRow): VoteView => ({
  decisionId: row.decision_id,
  partyId: row.party_id,
  round: row.round,
  revisionNo: row.revision_no,
  rulesVersion: row.rules_version,
  choice: row.choice,
  reason: row.reason,
  eventId: row.event_id,
  castAt: row.cast_at.toISOString(),
  status: row.rejection_code ? 'rejected' : 'sent',
  rejection: row.rejection_code ? { code: row.rejection_code, reason: row.rejection_reason ?? '' } : null,
});

/** The votes feature's tables in talent's schema (migration 1798000000040). */
@Injectable()
export class PostgresVotesRepository extends VotesRepository {
  private readonly proposal: string;
  private readonly decision: string;
  private readonly seat: string;
  private readonly vote: string;

  constructor(private readonly dataSource: DataSource) {
    super();
    const schema = schemaNameOf(dataSource);
    this.proposal = qualifiedTable(schema, 'talent_proposal');
    this.decision = qualifiedTable(schema, 'talent_decision');
    this.seat = qualifiedTable(schema, 'talent_decision_seat');
    this.vote = qualifiedTable(schema, 'talent_seat_vote');
  }

  async lockProposal(manager: EntityManager, proposalId: string): Promise<void> {
    await manager.query(`SELECT pg_advisory_xact_lock(hashtextextended($1, 0))`, [`${this.proposal}:${proposalId}`]);
  }

  async saveRevision(manager: EntityManager, revision: StoredRevision): Promise<void> {
    const { proposalId, revisionNo, organizationId, communityCode, revisionText, content } = revision;
    await manager.query(
      `INSERT INTO ${this.proposal} (proposal_id, revision_no, organization_id, community_code, revision_text, content)
       VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT DO NOTHING`,
      [proposalId, revisionNo, organizationId, communityCode, revisionText, JSON.stringify(content)],
    );
  }

  async revisions(manager: EntityManager, proposalId: string): Promise<ProposalRevision[]> {
    const rows = await manager.query<
      { revision_no: number; revision_text: string | null; content: ProposalRevision['content'] }[]
    >(`SELECT revision_no, revision_text, content FROM ${this.proposal} WHERE proposal_id = $1 ORDER BY revision_no`, [
      proposalId,
    ]);
    return rows.map((row) => ({
      proposalId,
      revisionNo: row.revision_no,
      revisionText: row.revision_text,
      content: row.content,
    }));
  }

  async lastRevisionNo(manager: EntityManager, proposalId: string): Promise<number> {
    const [row] = await manager.query<{ last: number | null }[]>(
      `SELECT max(revision_no) AS last FROM ${this.proposal} WHERE proposal_id = $1`,
      [proposalId],
    );
    return row?.last ?? 0;
  }

  async open(manager: EntityManager, decision: TrackedDecision, seats: SeatOfRound[]): Promise<void> {
    const { decisionId, kind, proposalId, round } = decision;
    const inserted = await manager.query<unknown[]>(
      `INSERT INTO ${this.decision} (decision_id, kind, proposal_id, round) VALUES ($1, $2, $3, $4)
       ON CONFLICT DO NOTHING RETURNING decision_id`,
      [decisionId, kind, proposalId, round],
    );
    if (inserted.length > 0) await this.insertSeats(manager, decisionId, seats);
  }

  async lock(manager: EntityManager, decisionId: string): Promise<TrackedDecision | null> {
    const [row] = await manager.query<DecisionRow[]>(
      `SELECT decision_id, kind, proposal_id, round, round_texts, closed FROM ${this.decision}
        WHERE decision_id = $1 FOR UPDATE`,
      [decisionId],
    );
    if (!row) return null;
    const { decision_id, kind, proposal_id, round, round_texts, closed } = row;
    return { decisionId: decision_id, kind, proposalId: proposal_id, round, roundTexts: round_texts, closed };
  }

  async decisionsOfProposal(manager: EntityManager, proposalId: string): Promise<string[]> {
    const rows = await manager.query<{ decision_id: string }[]>(
      `SELECT decision_id FROM ${this.decision} WHERE proposal_id = $1 ORDER BY decision_id`,
      [proposalId],
    );
    return rows.map((row) => row.decision_id);
  }

  async openRound(
    manager: EntityManager,
    decisionId: string,
    { round, text }: { round: number; text: string },
    seats: SeatOfRound[],
  ): Promise<void> {
    await manager.query(
      `UPDATE ${this.decision} SET round = $2, round_texts = round_texts || jsonb_build_object($3::text, $4::text),
              updated_at = now() WHERE decision_id = $1`,
      [decisionId, round, String(round), text],
    );
    await this.insertSeats(manager, decisionId, seats);
  }

  async close(manager: EntityManager, decisionId: string, result: string): Promise<void> {
    await manager.query(
      `UPDATE ${this.decision} SET closed = true, result = $2, updated_at = now() WHERE decision_id = $1`,
      [decisionId, result],
    );
  }

  async seats(manager: EntityManager, decisionId: string, round: number): Promise<SeatOfRound[]> {
    const rows = await manager.query<{ party_id: string; round: number; deadline: Date }[]>(
      `SELECT party_id, round, deadline FROM ${this.seat} WHERE decision_id = $1 AND round = $2 ORDER BY party_id`,
      [decisionId, round],
    );
    return rows.map((row) => ({ partyId: row.party_id, round: row.round, deadline: row.deadline.toISOString() }));
  }

  async castSeats(manager: EntityManager, decisionId: string): Promise<{ partyId: string; round: number }[]> {
    const rows = await manager.query<{ party_id: string; round: number }[]>(
      `SELECT party_id, round FROM ${this.vote} WHERE decision_id = $1`,
      [decisionId],
    );
    return rows.map((row) => ({ partyId: row.party_id, round: row.round }));
  }

  async insertVote(manager: EntityManager, vote: TalentVote): Promise<boolean> {
    const { decisionId, partyId, round, revisionNo, rulesVersion, choice, reason, eventId } = vote;
    const inserted = await manager.query<unknown[]>(
      `INSERT INTO ${this.vote} (decision_id, party_id, round, revision_no, rules_version, choice, reason, event_id)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8) ON CONFLICT DO NOTHING RETURNING event_id`,
      [decisionId, partyId, round, revisionNo, rulesVersion, choice, reason ? JSON.stringify(reason) : null, eventId],
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

  private async insertSeats(manager: EntityManager, decisionId: string, seats: SeatOfRound[]): Promise<void> {
    for (const { partyId, round, deadline } of seats) {
      await manager.query(
        `INSERT INTO ${this.seat} (decision_id, party_id, round, deadline) VALUES ($1, $2, $3, $4)
         ON CONFLICT DO NOTHING`,
        [decisionId, partyId, round, deadline],
      );
    }
  }
}
