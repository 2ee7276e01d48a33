import type { MigrationInterface, QueryRunner } from 'typeorm';
import { schemaOf } from '@sanshe/persistence';

/**
 * Workers (社工人才): who they are, who employs them, as what, with their certificates and career path.
 * Name, phone and school are personal: kept here, never put on the wire. `left_on` dates a leaving (the
 * workforce health's turnover reads it); `worker_career` records each change of kind.
 */
export class CreateWorker1798000000001 implements MigrationInterface {
  async up(runner: QueryRunner): Promise<void> {
    const s = schemaOf(runner);
    await runner.query(`
      CREATE TABLE ${s}.worker (
        worker_id            text        PRIMARY KEY,
        organization_id      text,
        kind                 text        NOT NULL CHECK (kind IN ('certified-social-worker', 'intern', 'volunteer',
                                           'community-staff')),
        level                text        CHECK (level IN ('assistant-social-worker', 'social-worker',
                                           'senior-social-worker')),
        status               text        NOT NULL CHECK (status IN ('active', 'left')),
        left_on              date,
        name                 text        NOT NULL,
        phone                text,
        school               text,
        internship_ends_on   date,
        skills               text[]      NOT NULL DEFAULT '{}',
        availability         jsonb       NOT NULL DEFAULT '[]',
        retained_from_intern boolean     NOT NULL DEFAULT false,
        revision             int         NOT NULL CHECK (revision >= 1),
        created_by           text        NOT NULL,
        created_at           timestamptz NOT NULL DEFAULT now(),
        updated_at           timestamptz NOT NULL DEFAULT now(),
        CHECK ((kind = 'certified-social-worker') = (level IS NOT NULL)),
        CHECK ((status = 'left') = (left_on IS NOT NULL))
      )`);
    await runner.query(`CREATE INDEX worker_by_organization ON ${s}.worker (organization_id, worker_id)`);
    await runner.query(`
      CREATE TABLE ${s}.worker_career (
        worker_id text        NOT NULL REFERENCES ${s}.worker (worker_id),
        seq       int         NOT NULL CHECK (seq >= 1),
        from_kind text        NOT NULL,
        to_kind   text        NOT NULL CHECK (to_kind <> from_kind),
        at        timestamptz NOT NULL DEFAULT now(),
        note      text,
        by_sub    text        NOT NULL,
        PRIMARY KEY (worker_id, seq)
      )`);
    await runner.query(`
      CREATE TABLE ${s}.certificate (
        certificate_id text        PRIMARY KEY,
        worker_id      text        NOT NULL REFERENCES ${s}.worker (worker_id),
        level          text        NOT NULL CHECK (level IN ('assistant-social-worker', 'social-worker',
                                     'senior-social-worker')),
        number         text        NOT NULL,
        issued_on      date        NOT NULL,
        expires_on     date        NOT NULL CHECK (expires_on > issued_on),
        created_by     text        NOT NULL,
        created_at     timestamptz NOT NULL DEFAULT now()
      )`);
    await runner.query(`CREATE INDEX certificate_by_worker ON ${s}.certificate (worker_id, expires_on)`);
  }

  async down(runner: QueryRunner): Promise<void> {
    const s = schemaOf(runner);
    await runner.query(`DROP TABLE ${s}.certificate`);
    await runner.query(`DROP TABLE ${s}.worker_career`);
    await runner.query(`DROP TABLE ${s}.worker`);
  }
}
