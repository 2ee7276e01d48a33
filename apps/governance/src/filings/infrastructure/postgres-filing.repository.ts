import { Inject, Injectable } from '@nestjs/common';
import { getDataSourceToken } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { qualifiedTable, schemaNameOf } from '@sanshe/persistence';
import type { FilingStatus } from '../domain/call-in';
import type { Filing, FilingCallIn } from '../domain/filing';
import { FilingRepository } from '../domain/filing.repository';

interface FilingRow {
  proposal_id: string;
  decision_id: string;
  community_code: string;
  organization_id: string;
  proposer_id: string;
  title: string;
  summary: string;
  opening: Filing['opening'];
  rule_version: number;
  call_in_until: Date;
  eligible_party_ids: string[];
  status: FilingStatus;
  cause: Filing['cause'];
  violations: Filing['violations'];
  noticed_at: Date;
}

interface CallInRow {
  proposal_id: string;
  party_id: string;
  controller: string | null;
  cast_by: string;
  reason: FilingCallIn['reason'];
  event: FilingCallIn['event'];
  cast_at: Date;
  status: FilingCallIn['status'];
  refusal_code: string | null;
  refusal_reason: string | null;
}

const toFiling = (row: FilingRow): Filing => ({
  proposalId: row.proposal_id,
  decisionId: row.decision_id,
  communityCode: row.community_code,
  organizationId: row.organization_id,
  proposerId: row.proposer_id,
  title: row.title,
  summary: row.summary,
  opening: row.opening,
  ruleVersion: row.rule_version,
  callInUntil: row.call_in_until,
  eligiblePartyIds: row.eligible_party_ids,
  status: row.status,
  cause: row.cause,
  violations: row.violations,
  noticedAt: row.noticed_at,
});

const toCallIn = (row: CallInRow): FilingCallIn => ({
  proposalId: row.proposal_id,
  partyId: row.party_id,
  controller: row.controller,
  castBy: row.cast_by,
  reason: row.reason,
  event: row.event,
  castAt: row.cast_at,
  status: row.status,
  refusal: row.refusal_code === null ? null : { code: row.refusal_code, reason: row.refusal_reason ?? '' },
});

/** filing and filing_call_in in governance's schema (migration 1795737600013). */
@Injectable()
export class PostgresFilingRepository extends FilingRepository {
  private readonly schema: string;
  private readonly filings: string;
  private readonly calls: string;

  constructor(@Inject(getDataSourceToken()) private readonly dataSource: DataSource) {
    super();
    this.schema = schemaNameOf(dataSource);
    this.filings = qualifiedTable(this.schema, 'filing');
    this.calls = qualifiedTable(this.schema, 'filing_call_in');
  }

  async lock(manager: EntityManager, proposalId: string): Promise<void> {
    // An advisory lock, not SELECT … FOR UPDATE: a call-in may come before its filing's row exists.
    await manager.query('SELECT pg_advisory_xact_lock(hashtextextended($1, 0))', [
      `${this.schema}:filing:${proposalId}`,
    ]);
  }

  async find(proposalId: string, manager?: EntityManager): Promise<Filing | null> {
    const rows = await (manager ?? this.dataSource).query<FilingRow[]>(
      `SELECT * FROM ${this.filings} WHERE proposal_id = $1`,
      [proposalId],
    );
    return rows[0] ? toFiling(rows[0]) : null;
  }

  async insert(manager: EntityManager, filing: Filing): Promise<void> {
    await manager.query(
      `INSERT INTO ${this.filings} (proposal_id, decision_id, community_code, organization_id, proposer_id, title,
         summary, opening, rule_version, call_in_until, eligible_party_ids, status, cause, violations, noticed_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8::jsonb, $9, $10, $11, $12, $13, $14::jsonb, $15)`,
      [
        filing.proposalId,
        filing.decisionId,
        filing.communityCode,
        filing.organizationId,
        filing.proposerId,
        filing.title,
        filing.summary,
        JSON.stringify(filing.opening),
        filing.ruleVersion,
        filing.callInUntil,
        filing.eligiblePartyIds,
        filing.status,
        filing.cause,
        filing.violations === null ? null : JSON.stringify(filing.violations),
        filing.noticedAt,
      ],
    );
  }

  async setStatus(manager: EntityManager, proposalId: string, status: FilingStatus, cause: Filing['cause']) {
    await manager.query(`UPDATE ${this.filings} SET status = $2, cause = $3 WHERE proposal_id = $1`, [
      proposalId,
      status,
      cause,
    ]);
  }

  async callIns(proposalId: string, manager?: EntityManager): Promise<FilingCallIn[]> {
    const rows = await (manager ?? this.dataSource).query<CallInRow[]>(
      `SELECT * FROM ${this.calls} WHERE proposal_id = $1 ORDER BY seq`,
      [proposalId],
    );
    return rows.map(toCallIn);
  }

  async saveCallIn(manager: EntityManager, callIn: FilingCallIn): Promise<void> {
    await manager.query(
      `INSERT INTO ${this.calls} AS c (proposal_id, party_id, controller, cast_by, reason, event_source, event_id, event,
         cast_at, status, refusal_code, refusal_reason)
       VALUES ($1, $2, $3, $4, $5::jsonb, $6, $7, $8::jsonb, $9, $10, $11, $12)
       ON CONFLICT (proposal_id, party_id) DO UPDATE SET
         controller = EXCLUDED.controller, cast_by = EXCLUDED.cast_by, reason = EXCLUDED.reason,
         event_source = EXCLUDED.event_source, event_id = EXCLUDED.event_id, event = EXCLUDED.event,
         cast_at = EXCLUDED.cast_at, status = EXCLUDED.status, refusal_code = EXCLUDED.refusal_code,
         refusal_reason = EXCLUDED.refusal_reason
       WHERE c.status <> 'accepted'`,
      [
        callIn.proposalId,
        callIn.partyId,
        callIn.controller,
        callIn.castBy,
        JSON.stringify(callIn.reason),
        callIn.event.source,
        callIn.event.id,
        JSON.stringify(callIn.event),
        callIn.castAt,
        callIn.status,
        callIn.refusal?.code ?? null,
        callIn.refusal?.reason ?? null,
      ],
    );
  }
}
