import type { MigrationInterface, QueryRunner } from 'typeorm';
import { schemaOf } from '@sanshe/persistence';

/**
 * Hours served in the community (talent.hours.recorded, for communities the service knows), which the
 * committee confirms or disputes once (answer_*: its community.hours.* event, and governance's refusal of
 * it if any), until the hours settle (talent.hours.confirmed or rejected) or their confirmBy passes.
 */
export class CreateCommunityHours1796000000006 implements MigrationInterface {
  async up(runner: QueryRunner): Promise<void> {
    const s = schemaOf(runner);
    await runner.query(`
      CREATE TABLE ${s}.community_hours (
        hours_id          text        PRIMARY KEY,
        community_code    text        NOT NULL,
        worker_id         text        NOT NULL,
        worker_kind       text        NOT NULL,
        organization_id   text        NOT NULL,
        activity_id       text        NOT NULL,
        served_on         date        NOT NULL,
        minutes           integer     NOT NULL CHECK (minutes BETWEEN 1 AND 1440),
        confirm_by        timestamptz NOT NULL,
        recorded_at       timestamptz NOT NULL DEFAULT now(),
        answer            text        CHECK (answer IN ('confirmed', 'disputed')),
        answer_event_id   text        UNIQUE,
        answered_by_sub   text,
        reason_code       text,
        reason_text       text,
        answered_at       timestamptz,
        answer_status     text        CHECK (answer_status IN ('sent', 'rejected')),
        rejection_code    text,
        rejection_reason  text,
        settlement        text        CHECK (settlement IN ('confirmed', 'rejected')),
        confirmed_by      text,
        settled_at        timestamptz,
        CHECK ((answer IS NULL) = (answer_event_id IS NULL)),
        CHECK (answer <> 'disputed' OR reason_code IS NOT NULL)
      )`);
    await runner.query(
      `CREATE INDEX community_hours_by_community ON ${s}.community_hours (community_code, confirm_by)`,
    );
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`DROP TABLE ${schemaOf(runner)}.community_hours`);
  }
}
