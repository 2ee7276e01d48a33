import type { MigrationInterface, QueryRunner } from 'typeorm';
import { schemaOf } from '@sanshe/persistence';

/**
 * What the organization knows of the communities' needs and venues, from their events: enough to warn
 * a proposal naming one it does not know yet, and to refuse one of another community or a closed need.
 */
export class CreateKnownCommunityFacts1797000000021 implements MigrationInterface {
  async up(runner: QueryRunner): Promise<void> {
    const s = schemaOf(runner);
    await runner.query(`
      CREATE TABLE ${s}.known_need (
        need_id        text PRIMARY KEY,
        community_code text NOT NULL,
        category       text,
        status         text NOT NULL CHECK (status IN ('open', 'matched', 'closed'))
      )`);
    await runner.query(`
      CREATE TABLE ${s}.known_venue (
        venue_id       text PRIMARY KEY,
        community_code text NOT NULL,
        capacity       int  NOT NULL CHECK (capacity >= 1),
        status         text NOT NULL CHECK (status IN ('active', 'retired')),
        revision       int  NOT NULL CHECK (revision >= 1)
      )`);
  }

  async down(runner: QueryRunner): Promise<void> {
    const s = schemaOf(runner);
    await runner.query(`DROP TABLE ${s}.known_venue`);
    await runner.query(`DROP TABLE ${s}.known_need`);
  }
}
