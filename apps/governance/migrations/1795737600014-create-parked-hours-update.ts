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
    const s = schemaOf(runner);
    // Dropping them would lose a community's answer silently: neither applied nor refused.
    const parked: { event_source: string; event_id: string }[] = await runner.query(
      `SELECT event_source, event_id FROM ${s}.parked_hours_update ORDER BY seq`,
    );
    if (parked.length > 0) {
      const named = parked.map((row) => `${row.event_source} ${row.event_id}`).join(', ');
      throw new Error(
        `hours answers are parked (${named}): let their hours workflows start, or wait for ` +
          'GOVERNANCE_PARKED_UPDATE_MAX_AGE_MS to refuse them, before reverting',
      );
    }
    await runner.query(`DROP TABLE ${s}.parked_hours_update`);
  }
}
