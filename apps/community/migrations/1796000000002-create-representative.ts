import type { MigrationInterface, QueryRunner } from 'typeorm';
import { schemaOf } from '@sanshe/persistence';

/**
 * Who speaks for a community: residents' committee members (body committee, party community:<code>) and
 * elected residents' representatives (body residents, party residents:<code>). One person sits in one
 * active body per community: the partial unique index holds that under concurrent appointments too.
 */
export class CreateRepresentative1796000000002 implements MigrationInterface {
  async up(runner: QueryRunner): Promise<void> {
    const s = schemaOf(runner);
    await runner.query(`
      CREATE TABLE ${s}.representative (
        representative_id text        PRIMARY KEY,
        community_code    text        NOT NULL REFERENCES ${s}.administrative_area (code),
        body              text        NOT NULL CHECK (body IN ('committee', 'residents')),
        person_sub        text        NOT NULL,
        title             text        NOT NULL,
        term_from         date        NOT NULL,
        term_to           date        CHECK (term_to >= term_from),
        status            text        NOT NULL CHECK (status IN ('active', 'ended')),
        appointed_by      text        NOT NULL,
        appointed_at      timestamptz NOT NULL DEFAULT now(),
        ended_reason      text,
        ended_by          text,
        ended_at          timestamptz
      )`);
    await runner.query(
      `CREATE UNIQUE INDEX representative_one_body_per_person ON ${s}.representative (community_code, person_sub)
        WHERE status = 'active'`,
    );
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`DROP TABLE ${schemaOf(runner)}.representative`);
  }
}
