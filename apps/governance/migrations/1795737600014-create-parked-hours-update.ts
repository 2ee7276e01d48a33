import type { MigrationInterface, QueryRunner } from 'typeorm';
import { schemaOf } from '@sanshe/persistence';

/**
 * A community's confirm or dispute of hours that arrived before governance started the hours workflow
 * (`hours/<hoursId>`), for the start to apply (docs/decisions.md, "Hours confirmed by two parties"). Its
 * own table, not parked_decision_update: that table's opening and sweeper treat every row as a decision's
 * vote, amendment, ruling or withdrawal. One row per event identity (source, id): a redelivery parks once.
 */
export class CreateParkedHoursUpdate1795737600014 implements MigrationInterface {
  async up(runner: QueryRunner): Promise<void> {
    const s = schemaOf(runner);
    await runner.query(`
      CREATE TABLE ${s}.parked_hours_update (
        event_source text        NOT NULL,
        event_id     text        NOT NULL,
        seq          bigint      GENERATED ALWAYS AS IDENTITY,
        workflow_id  text        NOT NULL,
        kind         text        NOT NULL CHECK (kind IN ('confirm', 'dispute')),
        request      jsonb       NOT NULL,
        event        jsonb       NOT NULL,
        parked_at    timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (event_source, event_id)
      )`);
    await runner.query(`CREATE INDEX parked_hours_update_workflow ON ${s}.parked_hours_update (workflow_id, seq)`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`DROP TABLE ${schemaOf(runner)}.parked_hours_update`);
  }
}
