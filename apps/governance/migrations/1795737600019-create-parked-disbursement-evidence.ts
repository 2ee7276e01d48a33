import type { MigrationInterface, QueryRunner } from 'typeorm';
import { schemaOf } from '@sanshe/persistence';

/**
 * An organization's milestone evidence that arrived before governance started the grant's disbursement
 * (`disbursement/<grantId>`): the organization's topic and funding's are not ordered with each other. The
 * start applies it. One row per event identity (source, id): a redelivery parks once.
 */
export class CreateParkedDisbursementEvidence1795737600019 implements MigrationInterface {
  async up(runner: QueryRunner): Promise<void> {
    const s = schemaOf(runner);
    await runner.query(`
      CREATE TABLE ${s}.parked_disbursement_evidence (
        event_source text        NOT NULL,
        event_id     text        NOT NULL,
        seq          bigint      GENERATED ALWAYS AS IDENTITY,
        workflow_id  text        NOT NULL,
        submission   jsonb       NOT NULL,
        event        jsonb       NOT NULL,
        parked_at    timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (event_source, event_id)
      )`);
    await runner.query(
      `CREATE INDEX parked_disbursement_evidence_workflow ON ${s}.parked_disbursement_evidence (workflow_id, seq)`,
    );
  }

  async down(runner: QueryRunner): Promise<void> {
    const s = schemaOf(runner);
    // Dropping them would lose an organization's evidence silently: neither applied nor refused.
    const [{ count }] = (await runner.query(
      `SELECT count(*)::int AS count FROM ${s}.parked_disbursement_evidence`,
    )) as [{ count: number }];
    if (count > 0) throw new Error(`${count} milestone evidence events are parked: let their grants start first`);
    await runner.query(`DROP TABLE ${s}.parked_disbursement_evidence`);
  }
}
