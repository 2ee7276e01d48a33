import type { MigrationInterface, QueryRunner } from 'typeorm';
import { schemaOf } from '@sanshe/persistence';

/**
 * Residents' consents, one row per word given or taken back: the history is the table, and a resident's
 * current consent is the latest row per (resident, purpose, organization). Rows are never changed: a
 * trigger refuses UPDATE and DELETE. Purposes frozen here, like all migration data (the contract's
 * CONSENT_PURPOSES at the time); organization_id is present exactly for organization-contact.
 */
export class CreateConsentRecord1796000000040 implements MigrationInterface {
  async up(runner: QueryRunner): Promise<void> {
    const s = schemaOf(runner);
    await runner.query(`
      CREATE TABLE ${s}.consent_record (
        record_id       text        PRIMARY KEY,
        sequence        bigint      GENERATED ALWAYS AS IDENTITY UNIQUE,
        resident_id     text        NOT NULL REFERENCES ${s}.resident (resident_id),
        purpose         text        NOT NULL CHECK (purpose IN ('activity-participation', 'organization-contact',
                                      'aggregate-research')),
        organization_id text,
        activity_id     text,
        decision        text        NOT NULL CHECK (decision IN ('granted', 'withdrawn')),
        recorded_by     text        NOT NULL,
        recorded_via    text        NOT NULL CHECK (recorded_via IN ('representative', 'portal')),
        recorded_at     timestamptz NOT NULL,
        CHECK ((purpose = 'organization-contact') = (organization_id IS NOT NULL)),
        CHECK (purpose = 'organization-contact' OR activity_id IS NULL)
      )`);
    await runner.query(
      `CREATE INDEX consent_record_latest ON ${s}.consent_record (resident_id, purpose, recorded_at DESC, sequence DESC)`,
    );
    await runner.query(`
      CREATE FUNCTION ${s}.refuse_consent_change() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'consent_record is append-only: % refused', TG_OP;
      END $$`);
    await runner.query(`
      CREATE TRIGGER consent_record_append_only BEFORE UPDATE OR DELETE ON ${s}.consent_record
        FOR EACH ROW EXECUTE FUNCTION ${s}.refuse_consent_change()`);
  }

  async down(runner: QueryRunner): Promise<void> {
    const s = schemaOf(runner);
    await runner.query(`DROP TABLE ${s}.consent_record`);
    await runner.query(`DROP FUNCTION ${s}.refuse_consent_change()`);
  }
}
