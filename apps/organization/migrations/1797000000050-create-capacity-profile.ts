import type { MigrationInterface, QueryRunner } from 'typeorm';
import { schemaOf } from '@sanshe/persistence';

/**
 * The capacity profile's read model, from other contexts' facts: talent's workers (highest revision
 * kept), funding's grants (voided final) and paid tranches, the community's rating (highest revision;
 * the score in hundredths, so no floating point is stored). `applied_at` is each row's latest event time.
 */
export class CreateCapacityProfile1797000000050 implements MigrationInterface {
  async up(runner: QueryRunner): Promise<void> {
    const s = schemaOf(runner);
    await runner.query(`
      CREATE TABLE ${s}.profile_worker (
        worker_id       text        PRIMARY KEY,
        organization_id text,
        kind            text        NOT NULL,
        level           text,
        status          text        NOT NULL CHECK (status IN ('active', 'left')),
        revision        integer     NOT NULL CHECK (revision >= 1),
        applied_at      timestamptz NOT NULL
      )`);
    await runner.query(`CREATE INDEX profile_worker_by_organization ON ${s}.profile_worker (organization_id)`);
    await runner.query(`
      CREATE TABLE ${s}.profile_grant (
        grant_id        text        PRIMARY KEY,
        organization_id text        NOT NULL,
        proposal_id     text,
        amount_fen      bigint      NOT NULL CHECK (amount_fen >= 0),
        currency        text        NOT NULL,
        status          text        NOT NULL CHECK (status IN ('activated', 'voided')),
        tranches        jsonb       NOT NULL,
        applied_at      timestamptz NOT NULL
      )`);
    await runner.query(`CREATE INDEX profile_grant_by_organization ON ${s}.profile_grant (organization_id)`);
    await runner.query(`
      CREATE TABLE ${s}.profile_tranche_paid (
        grant_id        text        NOT NULL,
        organization_id text        NOT NULL,
        tranche_no      integer     NOT NULL CHECK (tranche_no >= 1),
        amount_fen      bigint      NOT NULL CHECK (amount_fen >= 0),
        paid_at         timestamptz NOT NULL,
        applied_at      timestamptz NOT NULL,
        PRIMARY KEY (grant_id, tranche_no)
      )`);
    await runner.query(`
      CREATE TABLE ${s}.profile_rating (
        organization_id      text        PRIMARY KEY,
        score_hundredths     integer     NOT NULL CHECK (score_hundredths BETWEEN 0 AND 500),
        activities_evaluated integer     NOT NULL CHECK (activities_evaluated >= 0),
        revision             integer     NOT NULL CHECK (revision >= 1),
        applied_at           timestamptz NOT NULL
      )`);
  }

  async down(runner: QueryRunner): Promise<void> {
    const s = schemaOf(runner);
    await runner.query(
      `DROP TABLE ${s}.profile_rating, ${s}.profile_tranche_paid, ${s}.profile_grant, ${s}.profile_worker`,
    );
  }
}
