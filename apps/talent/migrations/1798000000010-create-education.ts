import type { MigrationInterface, QueryRunner } from 'typeorm';
import { schemaOf } from '@sanshe/persistence';

/**
 * Continuing education: training programs, each worker's completions with their hours, and the notices
 * already sent (a shortfall per worker and year, an expiring certificate per expiry), so each goes once.
 */
export class CreateEducation1798000000010 implements MigrationInterface {
  async up(runner: QueryRunner): Promise<void> {
    const s = schemaOf(runner);
    await runner.query(`
      CREATE TABLE ${s}.training_program (
        program_id text         PRIMARY KEY,
        title      text         NOT NULL,
        hours      numeric(5,1) NOT NULL CHECK (hours > 0 AND hours <= 200),
        provider   text         NOT NULL,
        created_by text         NOT NULL,
        created_at timestamptz  NOT NULL DEFAULT now()
      )`);
    await runner.query(`
      CREATE TABLE ${s}.training_completion (
        worker_id    text         NOT NULL REFERENCES ${s}.worker (worker_id),
        program_id   text         NOT NULL REFERENCES ${s}.training_program (program_id),
        completed_on date         NOT NULL,
        hours        numeric(5,1) NOT NULL CHECK (hours > 0 AND hours <= 200),
        recorded_by  text         NOT NULL,
        recorded_at  timestamptz  NOT NULL DEFAULT now(),
        PRIMARY KEY (worker_id, program_id, completed_on)
      )`);
    await runner.query(`
      CREATE TABLE ${s}.talent_notice (
        notice_key text        PRIMARY KEY,
        worker_id  text        NOT NULL,
        event_id   text        NOT NULL,
        sent_at    timestamptz NOT NULL DEFAULT now()
      )`);
  }

  async down(runner: QueryRunner): Promise<void> {
    const s = schemaOf(runner);
    await runner.query(`DROP TABLE ${s}.talent_notice`);
    await runner.query(`DROP TABLE ${s}.training_completion`);
    await runner.query(`DROP TABLE ${s}.training_program`);
  }
}
