import type { MigrationInterface, QueryRunner } from 'typeorm';
import { errorMessage } from '@sanshe/common';
import { schemaOf } from '@sanshe/persistence';

/**
 * Venues and their bookings. Two active bookings of one venue can never overlap: an exclusion constraint
 * on `[)` ranges (back-to-back sessions are fine), which needs btree_gist for the venue id's `=`.
 * btree_gist is a trusted extension (PostgreSQL ≥ 13): a role with CREATE on the database may create it.
 */
export class CreateVenuesAndBookings1796000000011 implements MigrationInterface {
  async up(runner: QueryRunner): Promise<void> {
    const s = schemaOf(runner);
    await createBtreeGist(runner);
    await runner.query(`
      CREATE TABLE ${s}.venue (
        venue_id       text        PRIMARY KEY,
        community_code text        NOT NULL REFERENCES ${s}.administrative_area (code),
        name           text        NOT NULL,
        capacity       integer     NOT NULL CHECK (capacity > 0),
        opening_hours  jsonb       NOT NULL,
        time_zone      text        NOT NULL DEFAULT 'Asia/Shanghai',
        status         text        NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'retired')),
        revision       integer     NOT NULL CHECK (revision >= 1),
        updated_by     text        NOT NULL,
        updated_at     timestamptz NOT NULL DEFAULT now()
      )`);
    await runner.query(`
      CREATE TABLE ${s}.booking (
        booking_id      text        PRIMARY KEY,
        venue_id        text        NOT NULL REFERENCES ${s}.venue (venue_id),
        proposal_id     text        NOT NULL,
        organization_id text        NOT NULL,
        community_code  text        NOT NULL,
        during          tstzrange   NOT NULL CHECK (NOT isempty(during) AND lower_inc(during) AND NOT upper_inc(during)),
        participants    integer     NOT NULL CHECK (participants > 0),
        status          text        NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'cancelled')),
        cancel_reason   text,
        created_by      text        NOT NULL,
        created_at      timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT booking_no_overlap EXCLUDE USING gist (venue_id WITH =, during WITH &&) WHERE (status = 'active')
      )`);
    await runner.query(`CREATE INDEX booking_by_proposal ON ${s}.booking (proposal_id)`);
  }

  async down(runner: QueryRunner): Promise<void> {
    const s = schemaOf(runner);
    await runner.query(`DROP TABLE ${s}.booking, ${s}.venue`); // btree_gist stays: other schemas may use it
  }
}

async function createBtreeGist(runner: QueryRunner): Promise<void> {
  // Migrations of several schemas may run at once (tests); IF NOT EXISTS alone races on pg_extension.
  await runner.query(`SELECT pg_advisory_xact_lock(hashtextextended('sanshe:create-extension:btree_gist', 0))`);
  try {
    await runner.query('CREATE EXTENSION IF NOT EXISTS btree_gist WITH SCHEMA public');
  } catch (err) {
    throw new Error(
      'could not create the extension btree_gist, which the booking table needs: ' +
        `${errorMessage(err)}. Have a superuser run ` +
        '"CREATE EXTENSION btree_gist WITH SCHEMA public" in this database, or grant this role CREATE on it.',
      { cause: err },
    );
  }
}
