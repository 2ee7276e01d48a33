import type { MigrationInterface, QueryRunner } from 'typeorm';
import { schemaOf } from '@sanshe/persistence';

/**
 * Funding-gap warnings' state per organization and gap kind: ok ↔ gap, and how many episodes have opened
 * (apps/funding/README.md, "Funding-gap warnings"). `subject` is the finding the current or last episode
 * was detected on; a row exists once an organization has been checked with a gap.
 */
export class CreateFundingGapState1799000000080 implements MigrationInterface {
  async up(runner: QueryRunner): Promise<void> {
    const s = schemaOf(runner);
    await runner.query(`
      CREATE TABLE ${s}.funding_gap_state (
        organization_id text        NOT NULL,
        kind            text        NOT NULL CHECK (kind IN ('tranche-late', 'runway-short')),
        status          text        NOT NULL CHECK (status IN ('ok', 'gap')),
        episode         int         NOT NULL CHECK (episode >= 0),
        subject         jsonb,
        changed_at      timestamptz NOT NULL,
        checked_at      timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (organization_id, kind),
        CHECK (status = 'ok' OR (episode >= 1 AND subject IS NOT NULL))
      )`);
    await runner.query(
      `CREATE INDEX funding_gap_open ON ${s}.funding_gap_state (organization_id) WHERE status = 'gap'`,
    );
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`DROP TABLE ${schemaOf(runner)}.funding_gap_state`);
  }
}
