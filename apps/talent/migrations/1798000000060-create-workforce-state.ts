import type { MigrationInterface, QueryRunner } from 'typeorm';
import { schemaOf } from '@sanshe/persistence';

/**
 * Workforce health: per organization and indicator, whether it is past its threshold now and how many
 * times it has crossed into at-risk (each crossing raises one risk-detected, its recovery one risk-cleared).
 */
export class CreateWorkforceState1798000000060 implements MigrationInterface {
  async up(runner: QueryRunner): Promise<void> {
    const s = schemaOf(runner);
    await runner.query(`
      CREATE TABLE ${s}.workforce_state (
        organization_id text        NOT NULL,
        indicator       text        NOT NULL CHECK (indicator IN ('intern-ratio', 'turnover')),
        status          text        NOT NULL CHECK (status IN ('ok', 'at-risk')),
        crossings       int         NOT NULL CHECK (crossings >= 0),
        last_value      numeric(9, 4),
        changed_at      timestamptz NOT NULL,
        evaluated_at    timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (organization_id, indicator),
        CHECK (status = 'ok' OR crossings >= 1)
      )`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`DROP TABLE ${schemaOf(runner)}.workforce_state`);
  }
}
