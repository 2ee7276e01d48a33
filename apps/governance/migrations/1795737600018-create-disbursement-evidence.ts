import type { MigrationInterface, QueryRunner } from 'typeorm';
import { schemaOf } from '@sanshe/persistence';

/**
 * Which grant tranche each piece of milestone evidence (by its SHA-256) was claimed for: one piece pays one
 * tranche of one grant (docs/decisions.md, "Grant disbursement"). The primary key is the hash, so a claim by
 * another grant or tranche finds the first one and is refused; the same tranche claiming again changes nothing.
 */
export class CreateDisbursementEvidence1795737600018 implements MigrationInterface {
  async up(runner: QueryRunner): Promise<void> {
    const s = schemaOf(runner);
    await runner.query(`
      CREATE TABLE ${s}.disbursement_evidence (
        sha256     text        PRIMARY KEY,
        grant_id   text        NOT NULL,
        tranche_no integer     NOT NULL CHECK (tranche_no >= 1),
        claimed_at timestamptz NOT NULL DEFAULT now()
      )`);
    await runner.query(`CREATE INDEX disbursement_evidence_grant ON ${s}.disbursement_evidence (grant_id, tranche_no)`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`DROP TABLE ${schemaOf(runner)}.disbursement_evidence`);
  }
}
