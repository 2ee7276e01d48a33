import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { qualifiedTable, schemaNameOf } from '@sanshe/persistence';
import { fenFromPg } from '../../ledger';
import type { Program } from '../domain/program';
import { type ProgramFilter, ProgramRepository, type StoredProgram } from '../domain/program.repository';

interface ProgramRow {
  program_id: string;
  funder_id: string;
  funder_kind: Program['funderKind'];
  co_funders: Program['coFunders'];
  title: string;
  mode: Program['mode'];
  category: Program['category'];
  budget_fen: string;
  currency: string;
  period_from: string;
  period_to: string;
  district_code: string;
  eligibility: Program['eligibility'];
  tranche_plan: Program['tranchePlan'];
  indicators: Program['indicators'];
  notice_working_days: number;
  voting_mode: Program['votingMode'];
  auto_award: boolean;
  policies: Program['policies'];
  status: Program['status'];
  revision: number;
  created_by: string;
  updated_at: Date;
}

const COLUMNS = `program_id, funder_id, funder_kind, co_funders, title, mode, category, budget_fen, currency,
  to_char(period_from, 'YYYY-MM-DD') AS period_from, to_char(period_to, 'YYYY-MM-DD') AS period_to, district_code,
  eligibility, tranche_plan, indicators, notice_working_days, voting_mode, auto_award, policies, status, revision,
  created_by, updated_at`;

function programOf(row: ProgramRow): StoredProgram {
  return {
    programId: row.program_id,
    funderId: row.funder_id,
    funderKind: row.funder_kind,
    coFunders: row.co_funders,
    title: row.title,
    mode: row.mode,
    category: row.category,
    budget: { amountFen: fenFromPg(row.budget_fen), currency: row.currency },
    period: { from: row.period_from, to: row.period_to },
    districtCode: row.district_code,
    eligibility: row.eligibility,
    tranchePlan: row.tranche_plan,
    indicators: row.indicators,
    noticeWorkingDays: row.notice_working_days,
    votingMode: row.voting_mode,
    autoAward: row.auto_award,
    policies: row.policies,
    status: row.status,
    revision: row.revision,
    createdBy: row.created_by,
    updatedAt: row.updated_at,
  };
}

/** The program table; jsonb for the nested parts, bigint fen for the budget. */
@Injectable()
export class PostgresProgramRepository extends ProgramRepository {
  private readonly table: string;

  constructor(private readonly dataSource: DataSource) {
    super();
    this.table = qualifiedTable(schemaNameOf(dataSource), 'program');
  }

  async lockForChange(manager: EntityManager, programId: string): Promise<Program | null> {
    // A row lock cannot hold a program not opened yet: concurrent first PUTs meet on this lock instead,
    // so one opens it (201, program.opened) and the others then see it (200).
    await manager.query(`SELECT pg_advisory_xact_lock(hashtextextended($1, 0))`, [`${this.table}/${programId}`]);
    const rows = await manager.query<ProgramRow[]>(
      `SELECT ${COLUMNS} FROM ${this.table} WHERE program_id = $1 FOR UPDATE`,
      [programId],
    );
    return rows[0] ? programOf(rows[0]) : null;
  }

  async find(programId: string, manager?: EntityManager): Promise<StoredProgram | null> {
    const rows = await (manager ?? this.dataSource.manager).query<ProgramRow[]>(
      `SELECT ${COLUMNS} FROM ${this.table} WHERE program_id = $1`,
      [programId],
    );
    return rows[0] ? programOf(rows[0]) : null;
  }

  async list(filter: ProgramFilter): Promise<StoredProgram[]> {
    const rows = await this.dataSource.query<ProgramRow[]>(
      `SELECT ${COLUMNS} FROM ${this.table}
        WHERE ($1::text[] IS NULL OR funder_id = ANY($1)) AND ($2::text IS NULL OR status = $2)
          AND ($3::text IS NULL OR mode = $3) AND ($4::text IS NULL OR category = $4)
        ORDER BY period_from DESC, program_id`,
      [filter.funderIds ?? null, filter.status ?? null, filter.mode ?? null, filter.category ?? null],
    );
    return rows.map(programOf);
  }

  async save(manager: EntityManager, p: Program, by: string): Promise<void> {
    await manager.query(
      `INSERT INTO ${this.table} (program_id, funder_id, funder_kind, co_funders, title, mode, category, budget_fen,
         currency, period_from, period_to, district_code, eligibility, tranche_plan, indicators, notice_working_days,
         voting_mode, auto_award, policies, status, revision, created_by, updated_by)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20, $21, $22, $23)
       ON CONFLICT (program_id) DO UPDATE SET funder_kind = excluded.funder_kind, co_funders = excluded.co_funders,
         title = excluded.title, mode = excluded.mode, category = excluded.category, budget_fen = excluded.budget_fen,
         period_from = excluded.period_from, period_to = excluded.period_to, district_code = excluded.district_code,
         eligibility = excluded.eligibility, tranche_plan = excluded.tranche_plan, indicators = excluded.indicators,
         notice_working_days = excluded.notice_working_days, voting_mode = excluded.voting_mode,
         auto_award = excluded.auto_award, policies = excluded.policies, status = excluded.status,
         revision = excluded.revision, updated_by = excluded.updated_by, updated_at = now()`,
      [
        p.programId,
        p.funderId,
        p.funderKind,
        JSON.stringify(p.coFunders),
        p.title,
        p.mode,
        p.category,
        String(p.budget.amountFen),
        p.budget.currency,
        p.period.from,
        p.period.to,
        p.districtCode,
        JSON.stringify(p.eligibility),
        JSON.stringify(p.tranchePlan),
        JSON.stringify(p.indicators),
        p.noticeWorkingDays,
        p.votingMode,
        p.autoAward,
        p.policies === null ? null : JSON.stringify(p.policies),
        p.status,
        p.revision,
        p.createdBy,
        by,
      ],
    );
  }
}
