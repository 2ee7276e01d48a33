import { Inject, Injectable } from '@nestjs/common';
import { getDataSourceToken } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import type { GapKind } from '@sanshe/contracts';
import { qualifiedTable, schemaNameOf } from '@sanshe/persistence';
import type { GapFinding } from '../domain/funding-gaps';
import type { GapState, GapStatus } from '../domain/gap-episodes';
import { GapRepository, type ScheduledTranche } from '../domain/gap.repository';

interface StateRow {
  organization_id: string;
  kind: GapKind;
  status: GapStatus;
  episode: number;
  subject: GapFinding | null;
  changed_at: Date;
}

interface TrancheRow {
  grant_id: string;
  program_id: string;
  grant_active: boolean;
  tranche_no: number;
  due_date: string;
  amount_fen: string;
  currency: string;
  milestone: string;
  paid: boolean;
}

/** A fen amount from a bigint column (pg returns text): exact, or refused past Number.MAX_SAFE_INTEGER. */
function fenOf(text: string): number {
  const fen = Number(text);
  if (!Number.isSafeInteger(fen)) throw new RangeError(`${text} fen is not a safe integer`);
  return fen;
}

/**
 * funding_gap_state, and the grants feature's `grant` (its tranches as activation wrote them) and the
 * payments feature's `payment` read in SQL as the caller's transaction sees them: a tranche is paid when
 * its payment is settled.
 */
@Injectable()
export class PostgresGapRepository extends GapRepository {
  private readonly states: string;
  private readonly grants: string;
  private readonly payments: string;
  private readonly clawbacks: string;

  constructor(@Inject(getDataSourceToken()) private readonly dataSource: DataSource) {
    super();
    const schema = schemaNameOf(dataSource);
    this.states = qualifiedTable(schema, 'funding_gap_state');
    this.grants = qualifiedTable(schema, 'grant');
    this.payments = qualifiedTable(schema, 'payment');
    this.clawbacks = qualifiedTable(schema, 'clawback');
  }

  async lockOrganization(manager: EntityManager, organizationId: string): Promise<void> {
    await manager.query(`SELECT pg_advisory_xact_lock(hashtext($1))`, [`${this.states}:${organizationId}`]);
  }

  async tranchesOf(organizationId: string, manager?: EntityManager): Promise<ScheduledTranche[]> {
    const rows = await (manager ?? this.dataSource).query<TrancheRow[]>(
      `SELECT g.grant_id, g.program_id, g.status = 'active' AS grant_active, g.currency,
              (t.value ->> 'trancheNo')::int AS tranche_no, t.value ->> 'dueDate' AS due_date,
              (t.value ->> 'amountFen')::bigint AS amount_fen, t.value ->> 'milestone' AS milestone,
              EXISTS (SELECT 1 FROM ${this.payments} p WHERE p.grant_id = g.grant_id
                        AND p.tranche_no = (t.value ->> 'trancheNo')::int AND p.status = 'settled') AS paid
         FROM ${this.grants} g CROSS JOIN LATERAL jsonb_array_elements(g.tranches) t
        WHERE g.organization_id = $1 AND g.status IN ('active', 'completed') AND g.tranches IS NOT NULL
        ORDER BY due_date, g.grant_id, tranche_no`,
      [organizationId],
    );
    return rows.map((row) => ({
      grantId: row.grant_id,
      programId: row.program_id,
      grantActive: row.grant_active,
      trancheNo: row.tranche_no,
      dueDate: row.due_date,
      amountFen: fenOf(row.amount_fen),
      currency: row.currency.trim(),
      milestone: row.milestone,
      paid: row.paid,
    }));
  }

  async clawbacksOf(organizationId: string): Promise<{ currency: string; amountFen: number }[]> {
    const rows = await this.dataSource.query<{ currency: string; amount_fen: string }[]>(
      `SELECT c.currency, c.amount_fen FROM ${this.clawbacks} c JOIN ${this.grants} g ON g.grant_id = c.grant_id
        WHERE g.organization_id = $1`,
      [organizationId],
    );
    return rows.map((row) => ({ currency: row.currency.trim(), amountFen: fenOf(row.amount_fen) }));
  }

  async statesOf(organizationId: string, manager?: EntityManager): Promise<GapState[]> {
    const rows = await (manager ?? this.dataSource).query<StateRow[]>(
      `SELECT * FROM ${this.states} WHERE organization_id = $1 ORDER BY kind`,
      [organizationId],
    );
    return rows.map((row) => ({
      organizationId: row.organization_id,
      kind: row.kind,
      status: row.status,
      episode: row.episode,
      subject: row.subject,
      changedAt: row.changed_at.toISOString(),
    }));
  }

  async saveState(manager: EntityManager, s: GapState): Promise<void> {
    await manager.query(
      `INSERT INTO ${this.states} (organization_id, kind, status, episode, subject, changed_at)
       VALUES ($1, $2, $3, $4, $5, $6)
       ON CONFLICT (organization_id, kind) DO UPDATE SET status = EXCLUDED.status, episode = EXCLUDED.episode,
         subject = EXCLUDED.subject, changed_at = EXCLUDED.changed_at, checked_at = now()`,
      [
        s.organizationId,
        s.kind,
        s.status,
        s.episode,
        s.subject === null ? null : JSON.stringify(s.subject),
        s.changedAt,
      ],
    );
  }

  async watchedOrganizations(): Promise<string[]> {
    const rows = await this.dataSource.query<{ organization_id: string }[]>(
      `SELECT organization_id FROM ${this.grants} WHERE activated_at IS NOT NULL
       UNION SELECT organization_id FROM ${this.states} WHERE status = 'gap' ORDER BY organization_id`,
    );
    return rows.map((row) => row.organization_id);
  }
}
