import type { MigrationInterface, QueryRunner } from 'typeorm';
import { schemaOf } from '@sanshe/persistence';

/**
 * Funding programs (资助项目): a funder's budget for a mode and category over a period, with who may apply
 * (eligibility), how a grant is paid (tranche plan) and how it is decided. Money is integer fen (bigint)
 * with its currency; the ledger (its accounts program/<id>/…) holds the budget's postings.
 */
export class CreateProgram1799000000001 implements MigrationInterface {
  async up(runner: QueryRunner): Promise<void> {
    const s = schemaOf(runner);
    await runner.query(`
      CREATE TABLE ${s}.program (
        program_id          text        PRIMARY KEY,
        funder_id           text        NOT NULL,
        funder_kind         text        NOT NULL CHECK (funder_kind IN ('government', 'foundation', 'enterprise')),
        co_funders          jsonb       NOT NULL DEFAULT '[]',
        title               text        NOT NULL,
        mode                text        NOT NULL CHECK (mode IN ('direct', 'indirect')),
        category            text        NOT NULL,
        budget_fen          bigint      NOT NULL CHECK (budget_fen > 0),
        currency            char(3)     NOT NULL,
        period_from         date        NOT NULL,
        period_to           date        NOT NULL CHECK (period_to >= period_from),
        district_code       text        NOT NULL,
        eligibility         jsonb       NOT NULL,
        tranche_plan        jsonb       NOT NULL,
        indicators          jsonb       NOT NULL DEFAULT '[]',
        notice_working_days int         NOT NULL CHECK (notice_working_days BETWEEN 1 AND 15),
        voting_mode         text        NOT NULL CHECK (voting_mode IN ('rules', 'staff')),
        auto_award          boolean     NOT NULL,
        policies            jsonb,
        status              text        NOT NULL CHECK (status IN ('open', 'closed')),
        revision            int         NOT NULL CHECK (revision >= 1),
        created_by          text        NOT NULL,
        updated_by          text        NOT NULL,
        created_at          timestamptz NOT NULL DEFAULT now(),
        updated_at          timestamptz NOT NULL DEFAULT now()
      )`);
    await runner.query(`CREATE INDEX program_by_funder ON ${s}.program (funder_id, status, program_id)`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`DROP TABLE ${schemaOf(runner)}.program`);
  }
}
