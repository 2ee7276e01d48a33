import type { MigrationInterface, QueryRunner } from 'typeorm';
import { schemaOf } from '@sanshe/persistence';

/**
 * Activities (one per approved or filed proposal: proposal_id UNIQUE makes scheduling idempotent), their
 * sessions with attendance by resident pseudonym, the three groups with members and meetings, the
 * completion report, and evidence_use: one row per (hash, activity), read to flag a hash reused by
 * another activity's report. Vocabularies frozen here, like all migration data.
 */
export class CreateActivities1797000000040 implements MigrationInterface {
  async up(runner: QueryRunner): Promise<void> {
    const s = schemaOf(runner);
    await runner.query(`
      CREATE TABLE ${s}.activity (
        activity_id      text        PRIMARY KEY,
        proposal_id      text        NOT NULL UNIQUE,
        organization_id  text        NOT NULL,
        community_code   text        NOT NULL,
        need_id          text,
        grant_id         text,
        basis            text        NOT NULL CHECK (basis IN ('approved', 'filed')),
        decision_id      text,
        status           text        NOT NULL CHECK (status IN ('scheduled', 'running', 'paused', 'completed', 'cancelled')),
        paused_from      text        CHECK (paused_from IN ('scheduled', 'running')),
        pauses           integer     NOT NULL DEFAULT 0 CHECK (pauses >= 0),
        staffing_plan    jsonb,
        venue_id         text,
        scheduled_at     timestamptz NOT NULL,
        started_at       timestamptz,
        completed_at     timestamptz,
        cancelled_reason text        CHECK (cancelled_reason IN ('organization', 'called-in-rejected', 'withdrawn',
                                       'organization-deregistered')),
        cancelled_note   text,
        cancelled_at     timestamptz,
        CHECK ((status = 'paused') = (paused_from IS NOT NULL)),
        CHECK ((status = 'cancelled') = (cancelled_reason IS NOT NULL)),
        CHECK ((status = 'completed') = (completed_at IS NOT NULL))
      )`);
    await runner.query(`CREATE INDEX activity_by_organization ON ${s}.activity (organization_id, scheduled_at DESC)`);
    await runner.query(`
      CREATE TABLE ${s}.activity_session (
        session_id      text        PRIMARY KEY,
        activity_id     text        NOT NULL REFERENCES ${s}.activity (activity_id),
        seq             integer     NOT NULL CHECK (seq >= 1),
        starts_at       timestamptz NOT NULL,
        ends_at         timestamptz NOT NULL,
        status          text        NOT NULL CHECK (status IN ('planned', 'held', 'cancelled')),
        resident_ids    text[]      NOT NULL DEFAULT '{}',
        anonymous_count integer     NOT NULL DEFAULT 0 CHECK (anonymous_count >= 0),
        recorded_by     text,
        UNIQUE (activity_id, seq),
        CHECK (starts_at < ends_at),
        CHECK (cardinality(resident_ids) <= 5000)
      )`);
    await runner.query(`
      CREATE TABLE ${s}.activity_group (
        group_id    text PRIMARY KEY,
        activity_id text NOT NULL REFERENCES ${s}.activity (activity_id),
        kind        text NOT NULL CHECK (kind IN ('participants', 'staff', 'volunteers')),
        UNIQUE (activity_id, kind)
      )`);
    await runner.query(`
      CREATE TABLE ${s}.group_member (
        group_id    text        NOT NULL REFERENCES ${s}.activity_group (group_id),
        member_id   text        NOT NULL,
        member_kind text        NOT NULL CHECK (member_kind IN ('resident', 'worker')),
        role        text,
        joined_at   timestamptz NOT NULL,
        left_at     timestamptz,
        PRIMARY KEY (group_id, member_id),
        CHECK ((member_kind = 'resident') = (member_id ~ '^rp-'))
      )`);
    await runner.query(`
      CREATE TABLE ${s}.group_meeting (
        meeting_id       text    PRIMARY KEY,
        group_id         text    NOT NULL REFERENCES ${s}.activity_group (group_id),
        kind             text    NOT NULL CHECK (kind IN ('meeting', 'training')),
        held_on          date    NOT NULL,
        topic            text    NOT NULL CHECK (char_length(topic) BETWEEN 1 AND 200),
        duration_minutes integer NOT NULL CHECK (duration_minutes BETWEEN 1 AND 1440),
        attendee_count   integer NOT NULL CHECK (attendee_count >= 0)
      )`);
    await runner.query(`
      CREATE TABLE ${s}.activity_report (
        activity_id  text        PRIMARY KEY REFERENCES ${s}.activity (activity_id),
        summary      text        NOT NULL,
        outcomes     jsonb       NOT NULL,
        milestone    jsonb,
        submitted_by text        NOT NULL,
        submitted_at timestamptz NOT NULL
      )`);
    await runner.query(`
      CREATE TABLE ${s}.evidence_use (
        sha256      text NOT NULL CHECK (sha256 ~ '^[0-9a-f]{64}$'),
        activity_id text NOT NULL REFERENCES ${s}.activity (activity_id),
        grant_id    text,
        title       text NOT NULL,
        kind        text NOT NULL CHECK (kind IN ('photo', 'sign-in-sheet', 'minutes', 'survey', 'invoice', 'report',
                                      'other')),
        reused_from jsonb,
        position    integer NOT NULL,
        PRIMARY KEY (sha256, activity_id)
      )`);
  }

  async down(runner: QueryRunner): Promise<void> {
    const s = schemaOf(runner);
    await runner.query(
      `DROP TABLE ${s}.evidence_use, ${s}.activity_report, ${s}.group_meeting, ${s}.group_member, ` +
        `${s}.activity_group, ${s}.activity_session, ${s}.activity`,
    );
  }
}
