import type { MigrationInterface, QueryRunner } from 'typeorm';
import { schemaOf } from '@sanshe/persistence';

/**
 * Votes, amendments and rulings that arrived before their decision was opened (docs/decisions.md
 * "Updates before their opening"). One row per event identity (source, id), so a redelivery parks once.
 * `seq` is the arrival order the opening applies them in; `request` is the Workflow Update's argument,
 * `event` the whole event (a refusal names it); `broker_time` the broker's append time, when known.
 */
export class CreateParkedDecisionUpdate1795737600008 implements MigrationInterface {
  async up(runner: QueryRunner): Promise<void> {
    const s = schemaOf(runner);
    await runner.query(`
      CREATE TABLE ${s}.parked_decision_update (
        event_source text        NOT NULL,
        event_id     text        NOT NULL,
        seq          bigint      GENERATED ALWAYS AS IDENTITY,
        decision_id  text        NOT NULL,
        kind         text        NOT NULL CHECK (kind IN ('vote', 'amend', 'arbitrate')),
        request      jsonb       NOT NULL,
        event        jsonb       NOT NULL,
        broker_time  timestamptz,
        parked_at    timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (event_source, event_id)
      )`);
    await runner.query(
      `CREATE INDEX parked_decision_update_decision ON ${s}.parked_decision_update (decision_id, seq)`,
    );
    await runner.query(`CREATE INDEX parked_decision_update_age ON ${s}.parked_decision_update (parked_at)`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`DROP TABLE ${schemaOf(runner)}.parked_decision_update`);
  }
}
