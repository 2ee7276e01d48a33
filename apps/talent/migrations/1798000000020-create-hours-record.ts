import type { MigrationInterface, QueryRunner } from 'typeorm';
import { schemaOf } from '@sanshe/persistence';

/**
 * Hours served on an activity, as the employing organization recorded them, and how they were settled:
 * confirmed (by the community, its silence, or a dispute's decision) or rejected, once. `worker_kind` is
 * the kind the worker served as (a volunteer's confirmed hours form the time bank). One record per worker,
 * activity, day and session: a second POST of the same service is refused, not counted twice.
 */
export class CreateHoursRecord1798000000020 implements MigrationInterface {
  async up(runner: QueryRunner): Promise<void> {
    const s = schemaOf(runner);
    await runner.query(`
      CREATE TABLE ${s}.hours_record (
        hours_id        text        PRIMARY KEY,
        worker_id       text        NOT NULL REFERENCES ${s}.worker (worker_id),
        worker_kind     text        NOT NULL CHECK (worker_kind IN ('certified-social-worker', 'intern', 'volunteer',
                                      'community-staff')),
        organization_id text        NOT NULL,
        activity_id     text        NOT NULL,
        activity_known  boolean     NOT NULL,
        session_id      text,
        community_code  text        NOT NULL,
        served_on       date        NOT NULL,
        minutes         int         NOT NULL CHECK (minutes BETWEEN 1 AND 1440),
        confirm_by      timestamptz NOT NULL,
        status          text        NOT NULL CHECK (status IN ('recorded', 'confirmed', 'rejected')),
        confirmed_by    text        CHECK (confirmed_by IN ('community', 'silence', 'decision')),
        decision_id     text,
        recorded_by     text        NOT NULL,
        recorded_at     timestamptz NOT NULL DEFAULT now(),
        settled_at      timestamptz,
        CHECK ((status = 'recorded') = (settled_at IS NULL)),
        CHECK ((status = 'confirmed') = (confirmed_by IS NOT NULL)),
        CHECK (status <> 'rejected' OR decision_id IS NOT NULL),
        CHECK (confirmed_by IS DISTINCT FROM 'decision' OR decision_id IS NOT NULL)
      )`);
    await runner.query(`
      CREATE UNIQUE INDEX hours_record_once ON ${s}.hours_record
        (worker_id, activity_id, served_on, coalesce(session_id, ''))`);
    await runner.query(`CREATE INDEX hours_record_by_worker ON ${s}.hours_record (worker_id, served_on, hours_id)`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`DROP TABLE ${schemaOf(runner)}.hours_record`);
  }
}
