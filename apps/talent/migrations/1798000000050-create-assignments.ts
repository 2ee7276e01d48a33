import type { MigrationInterface, QueryRunner } from 'typeorm';
import { errorMessage } from '@sanshe/common';
import { schemaOf } from '@sanshe/persistence';

/**
 * Activities as the organizations scheduled them (sessions, staffing plan) and the workers assigned to
 * them. A worker is never in two active assignments at once: an exclusion constraint on `[)` ranges
 * (back-to-back is fine), which needs btree_gist for the worker id's `=`; only the database sees
 * concurrent requests, so only it can refuse them all but one.
 */
export class CreateAssignments1798000000050 implements MigrationInterface {
  async up(runner: QueryRunner): Promise<void> {
    const s = schemaOf(runner);
    await createBtreeGist(runner);
    await runner.query(`
      CREATE TABLE ${s}.talent_activity (
        activity_id     text        PRIMARY KEY,
        proposal_id     text        NOT NULL,
        organization_id text        NOT NULL,
        community_code  text        NOT NULL,
        staffing_plan   jsonb       NOT NULL DEFAULT '[]',
        sessions        jsonb       NOT NULL,
        status          text        NOT NULL DEFAULT 'scheduled' CHECK (status IN ('scheduled', 'cancelled')),
        scheduled_at    timestamptz NOT NULL DEFAULT now()
      )`);
    await runner.query(`
      CREATE TABLE ${s}.assignment (
        assignment_id text        PRIMARY KEY,
        activity_id   text        NOT NULL REFERENCES ${s}.talent_activity (activity_id),
        worker_id     text        NOT NULL,
        role          text        NOT NULL,
        during        tstzrange   NOT NULL CHECK (NOT isempty(during) AND lower_inc(during) AND NOT upper_inc(during)),
        status        text        NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'released')),
        assigned_by   text        NOT NULL,
        assigned_at   timestamptz NOT NULL DEFAULT now(),
        released_at   timestamptz,
        CONSTRAINT assignment_no_double_booking
          EXCLUDE USING gist (worker_id WITH =, during WITH &&) WHERE (status = 'active')
      )`);
    await runner.query(`CREATE INDEX assignment_by_activity ON ${s}.assignment (activity_id)`);
  }

  async down(runner: QueryRunner): Promise<void> {
    const s = schemaOf(runner);
    await runner.query(`DROP TABLE ${s}.assignment, ${s}.talent_activity`); // btree_gist stays: others use it
  }
}

async function createBtreeGist(runner: QueryRunner): Promise<void> {
  // Several schemas' migrations may run at once (tests); IF NOT EXISTS alone races on pg_extension.
  await runner.query(`SELECT pg_advisory_xact_lock(hashtextextended('sanshe:create-extension:btree_gist', 0))`);
  try {
    await runner.query('CREATE EXTENSION IF NOT EXISTS btree_gist WITH SCHEMA public');
  } catch (err) {
    throw new Error(
      `could not create the extension btree_gist, which the assignment table needs: ${errorMessage(err)}. ` +
        'Have a superuser run "CREATE EXTENSION btree_gist WITH SCHEMA public" in this database.',
      { cause: err },
    );
  }
}
