import type { MigrationInterface, QueryRunner } from 'typeorm';
import { schemaOf } from '@sanshe/persistence';

/**
 * The evidence packages organizations submit for grant tranches' milestones, each sent as one
 * milestone.evidence-submitted event (event_id) whose refusal by governance is written back here. A client's
 * Idempotency-Key names one package of the organization (NULL keys never conflict).
 */
export class CreateEvidencePackage1797000000060 implements MigrationInterface {
  async up(runner: QueryRunner): Promise<void> {
    const s = schemaOf(runner);
    await runner.query(`
      CREATE TABLE ${s}.evidence_package (
        package_id       text        PRIMARY KEY,
        event_id         text        NOT NULL UNIQUE,
        grant_id         text        NOT NULL,
        tranche_no       int         NOT NULL CHECK (tranche_no >= 1),
        organization_id  text        NOT NULL,
        summary          text        NOT NULL,
        evidence         jsonb       NOT NULL,
        submitted_by_sub text        NOT NULL,
        idempotency_key  text,
        fingerprint      text        NOT NULL,
        created_at       timestamptz NOT NULL DEFAULT now(),
        status           text        NOT NULL CHECK (status IN ('sent', 'refused')),
        refusal_code     text,
        refusal_reason   text,
        UNIQUE (organization_id, idempotency_key)
      )`);
    await runner.query(`CREATE INDEX evidence_package_by_grant ON ${s}.evidence_package (grant_id, organization_id)`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`DROP TABLE ${schemaOf(runner)}.evidence_package`);
  }
}
