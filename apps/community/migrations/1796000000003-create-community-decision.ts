import type { MigrationInterface, QueryRunner } from 'typeorm';
import { schemaOf } from '@sanshe/persistence';

/**
 * The community's view of governance's decisions that seat one of its parties (community:<code>,
 * residents:<code>), from governance's events; and the votes its representatives cast, each sent as one
 * decision.vote-cast event (event_id) whose refusal, if governance refuses it, is written back here.
 */
export class CreateCommunityDecision1796000000003 implements MigrationInterface {
  async up(runner: QueryRunner): Promise<void> {
    const s = schemaOf(runner);
    await runner.query(`
      CREATE TABLE ${s}.community_decision (
        decision_id    text        PRIMARY KEY,
        kind           text        NOT NULL,
        subject_id     text        NOT NULL,
        community_code text        NOT NULL,
        title          text        NOT NULL,
        stage          text        NOT NULL CHECK (stage IN ('voting', 'deliberation', 'escalated', 'closed')),
        round          int         NOT NULL CHECK (round >= 1),
        result         text,
        opened_at      timestamptz NOT NULL,
        updated_at     timestamptz NOT NULL DEFAULT now()
      )`);
    await runner.query(`
      CREATE TABLE ${s}.decision_seat (
        decision_id text        NOT NULL REFERENCES ${s}.community_decision (decision_id),
        party_id    text        NOT NULL,
        round       int         NOT NULL,
        deadline    timestamptz NOT NULL,
        PRIMARY KEY (decision_id, party_id)
      )`);
    await runner.query(`CREATE INDEX decision_seat_by_party ON ${s}.decision_seat (party_id)`);
    await runner.query(`
      CREATE TABLE ${s}.community_vote (
        vote_id          text        PRIMARY KEY,
        event_id         text        NOT NULL UNIQUE,
        decision_id      text        NOT NULL REFERENCES ${s}.community_decision (decision_id),
        party_id         text        NOT NULL,
        round            int         NOT NULL,
        choice           text        NOT NULL CHECK (choice IN ('approve', 'object', 'abstain')),
        reason_code      text,
        reason_text      text,
        cast_by_sub      text        NOT NULL,
        created_at       timestamptz NOT NULL DEFAULT now(),
        status           text        NOT NULL CHECK (status IN ('sent', 'rejected')),
        rejection_code   text,
        rejection_reason text,
        CHECK (choice <> 'object' OR (reason_code IS NOT NULL AND reason_text IS NOT NULL))
      )`);
    await runner.query(`CREATE INDEX community_vote_by_decision ON ${s}.community_vote (decision_id, party_id)`);
  }

  async down(runner: QueryRunner): Promise<void> {
    const s = schemaOf(runner);
    await runner.query(`DROP TABLE ${s}.community_vote`);
    await runner.query(`DROP TABLE ${s}.decision_seat`);
    await runner.query(`DROP TABLE ${s}.community_decision`);
  }
}
