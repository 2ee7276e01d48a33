import type { MigrationInterface, QueryRunner } from 'typeorm';
import { schemaOf } from '@sanshe/persistence';

/**
 * Applications and grants. funding_proposal: what the organization published of each proposal (the latest
 * content funding reads) and its decision's result, in whichever order the two topics deliver them.
 * application: one per approved proposal asking a program for money, eligible or not. grant: one per
 * awarded application; its status follows governance's grant-award decision only (tranches once active).
 * Money is integer fen (bigint) with its currency. `grant` is a reserved word: always quoted.
 */
export class CreateApplicationsAndGrants1799000000040 implements MigrationInterface {
  async up(runner: QueryRunner): Promise<void> {
    const s = schemaOf(runner);
    await runner.query(`
      CREATE TABLE ${s}.funding_proposal (
        proposal_id     text        PRIMARY KEY,
        organization_id text,
        community_code  text,
        title           text,
        category        text,
        program_id      text,
        requested_fen   bigint      CHECK (requested_fen >= 0),
        currency        char(3),
        revision_no     int         NOT NULL DEFAULT 0 CHECK (revision_no >= 0),
        withdrawn       boolean     NOT NULL DEFAULT false,
        decision_id     text,
        decision_result text        CHECK (decision_result IN ('approved', 'rejected', 'withdrawn')),
        updated_at      timestamptz NOT NULL DEFAULT now(),
        CHECK ((requested_fen IS NULL) = (currency IS NULL))
      )`);
    await runner.query(`
      CREATE TABLE ${s}.application (
        application_id     text        PRIMARY KEY,
        proposal_id        text        NOT NULL UNIQUE,
        program_id         text        NOT NULL,
        organization_id    text        NOT NULL,
        community_code     text        NOT NULL,
        category           text,
        title              text        NOT NULL,
        requested_fen      bigint      NOT NULL CHECK (requested_fen > 0),
        currency           char(3)     NOT NULL,
        status             text        NOT NULL CHECK (status IN ('received', 'ineligible', 'awarded', 'declined')),
        eligible           boolean     NOT NULL,
        ineligible_reasons jsonb       NOT NULL DEFAULT '[]',
        decline_reason     text,
        decided_by         text,
        created_at         timestamptz NOT NULL DEFAULT now(),
        updated_at         timestamptz NOT NULL DEFAULT now(),
        CHECK (eligible = (status <> 'ineligible'))
      )`);
    await runner.query(`CREATE INDEX application_by_program ON ${s}.application (program_id, status)`);
    await runner.query(`CREATE INDEX application_by_organization ON ${s}.application (organization_id)`);
    await this.createGrant(runner, s);
  }

  private async createGrant(runner: QueryRunner, s: string): Promise<void> {
    await runner.query(`
      CREATE TABLE ${s}."grant" (
        grant_id            text        PRIMARY KEY,
        application_id      text        UNIQUE REFERENCES ${s}.application (application_id),
        proposal_id         text,
        program_id          text        NOT NULL,
        organization_id     text        NOT NULL,
        community_code      text        NOT NULL,
        funder_id           text        NOT NULL,
        amount_fen          bigint      NOT NULL CHECK (amount_fen > 0),
        currency            char(3)     NOT NULL,
        title               text        NOT NULL,
        status              text        NOT NULL CHECK (status IN ('awarded', 'active', 'voided', 'completed')),
        decision_id         text        NOT NULL UNIQUE,
        tranche_plan        jsonb       NOT NULL,
        tranches            jsonb,
        activated_at        timestamptz,
        voided_reason_code  text,
        awarded_by          text        NOT NULL,
        created_at          timestamptz NOT NULL DEFAULT now(),
        updated_at          timestamptz NOT NULL DEFAULT now(),
        CHECK (status NOT IN ('active', 'completed') OR (tranches IS NOT NULL AND activated_at IS NOT NULL)),
        CHECK ((status = 'voided') = (voided_reason_code IS NOT NULL))
      )`);
    await runner.query(`CREATE INDEX grant_by_program ON ${s}."grant" (program_id, status)`);
    await runner.query(`CREATE INDEX grant_by_organization ON ${s}."grant" (organization_id, status)`);
  }

  async down(runner: QueryRunner): Promise<void> {
    const s = schemaOf(runner);
    await runner.query(`DROP TABLE ${s}."grant", ${s}.application, ${s}.funding_proposal`);
  }
}
