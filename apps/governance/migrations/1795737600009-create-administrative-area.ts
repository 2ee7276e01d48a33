import type { MigrationInterface, QueryRunner } from 'typeorm';
import { schemaOf } from '@sanshe/persistence';

/**
 * Governance's read model of the administrative hierarchy the community service publishes (districts,
 * streets, communities): what binds `{streetCode}` and `{districtCode}` when a decision opens, and the
 * streets and districts whose portals policy templates name. One row per code, kept at the highest
 * revision seen (`source_event_id` is the event that set it). No foreign key to the parent: events of
 * different codes may arrive in any order.
 */
export class CreateAdministrativeArea1795737600009 implements MigrationInterface {
  async up(runner: QueryRunner): Promise<void> {
    const s = schemaOf(runner);
    await runner.query(`
      CREATE TABLE ${s}.administrative_area (
        code            text        PRIMARY KEY,
        level           text        NOT NULL CHECK (level IN ('district', 'street', 'community')),
        parent_code     text,
        name            text        NOT NULL,
        population      int         NOT NULL CHECK (population >= 0),
        revision        int         NOT NULL CHECK (revision >= 1),
        source_event_id text        NOT NULL,
        updated_at      timestamptz NOT NULL DEFAULT now(),
        CHECK ((level = 'district') = (parent_code IS NULL))
      )`);
    await runner.query(`CREATE INDEX administrative_area_level ON ${s}.administrative_area (level, code)`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`DROP TABLE ${schemaOf(runner)}.administrative_area`);
  }
}
