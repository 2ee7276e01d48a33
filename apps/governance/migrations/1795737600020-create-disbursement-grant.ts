import type { MigrationInterface, QueryRunner } from 'typeorm';
import { schemaOf } from '@sanshe/persistence';

/**
 * The grants whose disbursement governance started, with their organization and funder, written by the start
 * (idempotent): an organization's deregistration finds its grants here (no organization search attribute in
 * Temporal), and a cancellation request is checked against the grant's funder here.
 */
export class CreateDisbursementGrant1795737600020 implements MigrationInterface {
  async up(runner: QueryRunner): Promise<void> {
    const s = schemaOf(runner);
    await runner.query(`
      CREATE TABLE ${s}.disbursement_grant (
        grant_id        text        PRIMARY KEY,
        organization_id text        NOT NULL,
        funder_id       text        NOT NULL,
        started_at      timestamptz NOT NULL DEFAULT now()
      )`);
    await runner.query(`CREATE INDEX disbursement_grant_organization ON ${s}.disbursement_grant (organization_id)`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`DROP TABLE ${schemaOf(runner)}.disbursement_grant`);
  }
}
