import type { MigrationInterface, QueryRunner } from 'typeorm';
import { schemaOf } from '@sanshe/persistence';

/**
 * Funding's copy of governance's portal registry (sanshe.governance.portal.registered/updated.v1): which
 * portals exist, what they may act on (jurisdiction) and whom they speak for. `version` is the registry's:
 * an older event never overwrites a newer row.
 */
export class CreatePortal1799000000100 implements MigrationInterface {
  async up(runner: QueryRunner): Promise<void> {
    const s = schemaOf(runner);
    await runner.query(`
      CREATE TABLE ${s}.portal (
        portal_id       text        PRIMARY KEY,
        name            text        NOT NULL,
        kind            text        NOT NULL,
        jurisdiction    text[]      NOT NULL,
        kafka_principal text        NOT NULL,
        speaks_for      text[]      NOT NULL,
        status          text        NOT NULL CHECK (status IN ('active', 'suspended')),
        version         int         NOT NULL CHECK (version >= 1),
        updated_at      timestamptz NOT NULL DEFAULT now()
      )`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`DROP TABLE ${schemaOf(runner)}.portal`);
  }
}
