import type { MigrationInterface, QueryRunner } from 'typeorm';
import { schemaOf } from '@sanshe/persistence';

/**
 * The funder's seat: the decisions seating a `funder:*` party funding speaks for, as governance announced
 * them (the current round and its funder seats), and one vote per decision, party and round (event_id
 * deterministic), cast by the rules or by the funder's staff, with governance's refusal if any.
 */
export class CreateFunderVotes1799000000041 implements MigrationInterface {
  async up(runner: QueryRunner): Promise<void> {
    const s = schemaOf(runner);
    await runner.query(`
      CREATE TABLE ${s}.funding_decision (
        decision_id    text        PRIMARY KEY,
        kind           text        NOT NULL,
        subject_id     text        NOT NULL,
        community_code text        NOT NULL,
        title          text        NOT NULL,
        round          int         NOT NULL CHECK (round >= 1),
        seats          jsonb       NOT NULL DEFAULT '[]',
        status         text        NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'decided')),
        result         text,
        opened_at      timestamptz NOT NULL DEFAULT now(),
        updated_at     timestamptz NOT NULL DEFAULT now()
      )`);
    await runner.query(`CREATE INDEX funding_decision_by_subject ON ${s}.funding_decision (subject_id)`);
    await runner.query(`CREATE INDEX funding_decision_open ON ${s}.funding_decision (status, opened_at)`);
    await runner.query(`
      CREATE TABLE ${s}.funding_seat_vote (
        decision_id      text        NOT NULL REFERENCES ${s}.funding_decision (decision_id),
        party_id         text        NOT NULL,
        round            int         NOT NULL CHECK (round >= 1),
        choice           text        NOT NULL CHECK (choice IN ('approve', 'object', 'abstain')),
        reason           jsonb,
        mode             text        NOT NULL CHECK (mode IN ('rules', 'staff')),
        rules_version    int,
        cast_by          text        NOT NULL,
        event_id         text        NOT NULL UNIQUE,
        cast_at          timestamptz NOT NULL DEFAULT now(),
        rejection_code   text,
        rejection_reason text,
        PRIMARY KEY (decision_id, party_id, round),
        CHECK (choice <> 'object' OR reason IS NOT NULL),
        CHECK ((mode = 'rules') = (rules_version IS NOT NULL))
      )`);
  }

  async down(runner: QueryRunner): Promise<void> {
    const s = schemaOf(runner);
    await runner.query(`DROP TABLE ${s}.funding_seat_vote, ${s}.funding_decision`);
  }
}
