import type { MigrationInterface, QueryRunner } from 'typeorm';
import { schemaOf } from '@sanshe/persistence';

/**
 * The resident register: personal fields only as AES-256-GCM ciphertext (iv | tag | ciphertext, bound to
 * the row and field), under the key named by key_id; phone and ID number also as keyed hashes (HMAC),
 * so lookups and the one-resident-per-ID-number rule never need the plaintext.
 */
export class CreateResident1796000000030 implements MigrationInterface {
  async up(runner: QueryRunner): Promise<void> {
    const s = schemaOf(runner);
    await runner.query(`
      CREATE TABLE ${s}.resident (
        resident_id    text        PRIMARY KEY CHECK (resident_id ~ '^rp-[a-z2-7]{24}$'),
        community_code text        NOT NULL REFERENCES ${s}.administrative_area (code),
        key_id         text        NOT NULL,
        name_ct        bytea       NOT NULL,
        phone_ct       bytea       NOT NULL,
        id_number_ct   bytea       NOT NULL,
        address_ct     bytea       NOT NULL,
        phone_hmac     bytea       NOT NULL,
        id_number_hmac bytea       NOT NULL CONSTRAINT resident_one_per_id_number UNIQUE,
        created_by     text        NOT NULL,
        created_at     timestamptz NOT NULL DEFAULT now(),
        updated_at     timestamptz NOT NULL DEFAULT now()
      )`);
    await runner.query(`CREATE INDEX resident_by_phone ON ${s}.resident (community_code, phone_hmac)`);
    // rotate-key finds the rows still under an old key without a scan of the register.
    await runner.query(`CREATE INDEX resident_by_key ON ${s}.resident (key_id)`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`DROP TABLE ${schemaOf(runner)}.resident`);
  }
}
