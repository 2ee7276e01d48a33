import type { MigrationInterface, QueryRunner } from 'typeorm';
import { schemaOf } from '@sanshe/persistence';

/**
 * The independent assessor of a milestone verification: one binding per decision (a redelivered opening
 * binds once), `bound` to a certified worker with no tie to the grant's organization or `unbound` with the
 * reason (talent then abstains for the seat), and what was sent for the seat: one vote per round, one
 * objection and one clawback proposal per decision, each under its deterministic event id.
 */
export class CreateAssessorBindings1798000000070 implements MigrationInterface {
  async up(runner: QueryRunner): Promise<void> {
    const s = schemaOf(runner);
    await runner.query(`
      CREATE TABLE ${s}.assessor_binding (
        decision_id     text        PRIMARY KEY,
        subject_id      text        NOT NULL,
        organization_id text        NOT NULL,
        worker_id       text        REFERENCES ${s}.worker (worker_id),
        status          text        NOT NULL CHECK (status IN ('bound', 'unbound')),
        reason          text        NOT NULL,
        round           int         NOT NULL CHECK (round >= 1),
        deadline        timestamptz,
        closed          boolean     NOT NULL DEFAULT false,
        result          text,
        bound_at        timestamptz NOT NULL DEFAULT now(),
        CHECK ((status = 'bound') = (worker_id IS NOT NULL))
      )`);
    await runner.query(`CREATE INDEX assessor_binding_by_worker ON ${s}.assessor_binding (worker_id, bound_at)`);
    await runner.query(`
      CREATE TABLE ${s}.assessor_action (
        decision_id text        NOT NULL REFERENCES ${s}.assessor_binding (decision_id),
        action_key  text        NOT NULL,
        event_id    text        NOT NULL UNIQUE,
        event_type  text        NOT NULL,
        data        jsonb       NOT NULL,
        worker_id   text,
        cast_by_sub text        NOT NULL,
        created_at  timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (decision_id, action_key)
      )`);
  }

  async down(runner: QueryRunner): Promise<void> {
    const s = schemaOf(runner);
    await runner.query(`DROP TABLE ${s}.assessor_action, ${s}.assessor_binding`);
  }
}
