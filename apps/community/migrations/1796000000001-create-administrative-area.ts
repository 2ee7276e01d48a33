import type { MigrationInterface, QueryRunner } from 'typeorm';
import { schemaOf } from '@sanshe/persistence';

/**
 * The administrative hierarchy: districts, streets, communities. The code's format is checked per level,
 * and a unit's parent is its code minus the last `-NNN` (a community under the street it names).
 */
export class CreateAdministrativeArea1796000000001 implements MigrationInterface {
  async up(runner: QueryRunner): Promise<void> {
    const s = schemaOf(runner);
    await runner.query(`
      CREATE TABLE ${s}.administrative_area (
        code         text        PRIMARY KEY,
        level        text        NOT NULL CHECK (level IN ('district', 'street', 'community')),
        parent_code  text        REFERENCES ${s}.administrative_area (code),
        name         text        NOT NULL,
        population   int         NOT NULL CHECK (population >= 0),
        households   int         CHECK (households >= 0),
        service_area jsonb       NOT NULL,
        revision     int         NOT NULL CHECK (revision >= 1),
        updated_at   timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT administrative_area_code_format CHECK (
          (level = 'district' AND code ~ '^[0-9]{6}$' AND parent_code IS NULL) OR
          (level = 'street' AND code ~ '^[0-9]{6}-[0-9]{3}$' AND code LIKE parent_code || '-%') OR
          (level = 'community' AND code ~ '^[0-9]{6}-[0-9]{3}-[0-9]{3}$' AND code LIKE parent_code || '-%'))
      )`);
    await runner.query(`CREATE INDEX administrative_area_children ON ${s}.administrative_area (parent_code, code)`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`DROP TABLE ${schemaOf(runner)}.administrative_area`);
  }
}
