import { Inject, Injectable } from '@nestjs/common';
import { getDataSourceToken } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { qualifiedTable, schemaNameOf } from '@sanshe/persistence';
import { FilingRepository } from '../domain/filing.repository';
import type { FilingStatus, OrgCallIn, OrgFiling } from '../domain/org-filing';
import type { Rejection } from '../domain/org-vote';
import { toRejection, updatedRows } from './postgres-decision.repository';

interface FilingRow {
  decision_id: string;
  proposal_id: string;
  community_code: string;
  proposer_id: string;
  call_in_until: Date;
  eligible_party_ids: string[];
  status: FilingStatus;
}
interface CallInRow {
  call_in_id: string;
  event_id: string;
  decision_id: string;
  proposal_id: string;
  party_id: string;
  reason: OrgCallIn['reason'];
  cast_by_sub: string;
  status: OrgCallIn['status'];
  rejection_code: string | null;
  rejection_reason: string | null;
}

const toFiling = (row: FilingRow): OrgFiling => ({
  decisionId: row.decision_id,
  proposalId: row.proposal_id,
  communityCode: row.community_code,
  proposerId: row.proposer_id,
  callInUntil: row.call_in_until.toISOString(),
  eligiblePartyIds: row.eligible_party_ids,
  status: row.status,
});
const toCallIn = (row: CallInRow): OrgCallIn => ({
  callInId: row.call_in_id,
  eventId: row.event_id,
  decisionId: row.decision_id,
  proposalId: row.proposal_id,
  partyId: row.party_id,
  reason: row.reason,
  castBySub: row.cast_by_sub,
  status: row.status,
  rejection: toRejection(row.rejection_code, row.rejection_reason),
});

/** org_filing and org_call_in in the service's own schema. */
@Injectable()
export class PostgresFilingRepository extends FilingRepository {
  private readonly filings: string;
  private readonly callIns: string;

  constructor(@Inject(getDataSourceToken()) private readonly dataSource: DataSource) {
    super();
    const schema = schemaNameOf(dataSource);
    this.filings = qualifiedTable(schema, 'org_filing');
    this.callIns = qualifiedTable(schema, 'org_call_in');
  }

  async lockByDecision(manager: EntityManager, decisionId: string): Promise<OrgFiling | null> {
    const rows = await manager.query<FilingRow[]>(`SELECT * FROM ${this.filings} WHERE decision_id = $1 FOR UPDATE`, [
      decisionId,
    ]);
    return rows[0] ? toFiling(rows[0]) : null;
  }

  async save(manager: EntityManager, f: OrgFiling): Promise<void> {
    await manager.query(
      `INSERT INTO ${this.filings}
         (decision_id, proposal_id, community_code, proposer_id, call_in_until, eligible_party_ids, status)
       VALUES ($1, $2, $3, $4, $5, $6, $7)
       ON CONFLICT (decision_id) DO UPDATE SET community_code = EXCLUDED.community_code,
         proposer_id = EXCLUDED.proposer_id, call_in_until = EXCLUDED.call_in_until,
         eligible_party_ids = EXCLUDED.eligible_party_ids, status = EXCLUDED.status`,
      [f.decisionId, f.proposalId, f.communityCode, f.proposerId, f.callInUntil, f.eligiblePartyIds, f.status],
    );
  }

  async setStatus(manager: EntityManager, decisionId: string, status: FilingStatus): Promise<void> {
    await manager.query(`UPDATE ${this.filings} SET status = $2 WHERE decision_id = $1`, [decisionId, status]);
  }

  async lockByProposal(manager: EntityManager, proposalId: string): Promise<OrgFiling | null> {
    const rows = await manager.query<FilingRow[]>(`SELECT * FROM ${this.filings} WHERE proposal_id = $1 FOR UPDATE`, [
      proposalId,
    ]);
    return rows[0] ? toFiling(rows[0]) : null;
  }

  async listFor(partyId: string, includeClosed: boolean) {
    const rows = await this.dataSource.query<FilingRow[]>(
      `SELECT * FROM ${this.filings}
        WHERE $1 = ANY (eligible_party_ids) AND proposer_id <> $1
          AND ($2 OR (status = 'noticed' AND call_in_until >= now()))
        ORDER BY noticed_at DESC, decision_id`,
      [partyId, includeClosed],
    );
    const callIns = await this.dataSource.query<CallInRow[]>(
      `SELECT * FROM ${this.callIns} WHERE party_id = $1 ORDER BY created_at, call_in_id`,
      [partyId],
    );
    return rows.map((row) => ({
      ...toFiling(row),
      callIns: callIns.filter((c) => c.decision_id === row.decision_id).map(toCallIn),
    }));
  }

  async insertCallIn(manager: EntityManager, c: OrgCallIn): Promise<void> {
    await manager.query(
      `INSERT INTO ${this.callIns}
         (call_in_id, event_id, decision_id, proposal_id, party_id, reason, cast_by_sub, status)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
      [c.callInId, c.eventId, c.decisionId, c.proposalId, c.partyId, JSON.stringify(c.reason), c.castBySub, c.status],
    );
  }

  async callIn(callInId: string): Promise<OrgCallIn | null> {
    const rows = await this.dataSource.query<CallInRow[]>(`SELECT * FROM ${this.callIns} WHERE call_in_id = $1`, [
      callInId,
    ]);
    return rows[0] ? toCallIn(rows[0]) : null;
  }

  async rejectCallIn(manager: EntityManager, eventId: string, rejection: Rejection): Promise<boolean> {
    const result = await manager.query<unknown[]>(
      `UPDATE ${this.callIns} SET status = 'rejected', rejection_code = $2, rejection_reason = $3
        WHERE event_id = $1 RETURNING call_in_id`,
      [eventId, rejection.code, rejection.reason],
    );
    return updatedRows(result).length > 0;
  }
}
