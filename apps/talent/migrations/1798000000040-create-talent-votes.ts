import type { MigrationInterface, QueryRunner } from 'typeorm';
import { schemaOf } from '@sanshe/persistence';

/**
 * The talent party's automatic vote: each proposal revision as the organization published it (the
 * fields the staffing rules read; an amendment only the ones that changed), the decisions seating a
 * talent party as governance announced them (rounds, pending talent seats), and one vote per decision,
 * party and round (event_id deterministic), with governance's refusal if any.
 */
export class CreateTalentVotes1798000000040 implements MigrationInterface {
  async up(runner: QueryRunner): Promise<void> {
    const s = schemaOf(runner);
    await runner.query(`
      CREATE TABLE ${s}.talent_proposal (
        proposal_id     text        NOT NULL,
        revision_no     int         NOT NULL CHECK (revision_no >= 1),
        organization_id text        NOT NULL,
        community_code  text        NOT NULL,
        revision_text   text,
        content         jsonb       NOT NULL,
        received_at     timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (proposal_id, revision_no)
      )`);
    await runner.query(`
      CREATE TABLE ${s}.talent_decision (
        decision_id text        PRIMARY KEY,
        kind        text        NOT NULL,
        proposal_id text        NOT NULL,
        round       int         NOT NULL CHECK (round >= 1),
        round_texts jsonb       NOT NULL DEFAULT '{}',
        closed      boolean     NOT NULL DEFAULT false,
        result      text,
        updated_at  timestamptz NOT NULL DEFAULT now()
      )`);
    await runner.query(`CREATE INDEX talent_decision_by_proposal ON ${s}.talent_decision (proposal_id)`);
    await runner.query(`
      CREATE TABLE ${s}.talent_decision_seat (
        decision_id text        NOT NULL REFERENCES ${s}.talent_decision (decision_id),
        party_id    text        NOT NULL,
        round       int         NOT NULL,
        deadline    timestamptz NOT NULL,
        PRIMARY KEY (decision_id, party_id, round)
      )`);
    await runner.query(`
      CREATE TABLE ${s}.talent_seat_vote (
        decision_id      text        NOT NULL REFERENCES ${s}.talent_decision (decision_id),
        party_id         text        NOT NULL,
        round            int         NOT NULL,
        revision_no      int         NOT NULL,
        rules_version    int         NOT NULL,
        choice           text        NOT NULL CHECK (choice IN ('approve', 'object', 'abstain')),
        reason           jsonb,
        event_id         text        NOT NULL UNIQUE,
        cast_at          timestamptz NOT NULL DEFAULT now(),
        rejection_code   text,
        rejection_reason text,
        PRIMARY KEY (decision_id, party_id, round),
        CHECK (choice <> 'object' OR reason IS NOT NULL)
      )`);
  }

  async down(runner: QueryRunner): Promise<void> {
    const s = schemaOf(runner);
    await runner.query(`DROP TABLE ${s}.talent_seat_vote, ${s}.talent_decision_seat, ${s}.talent_decision`);
    await runner.query(`DROP TABLE ${s}.talent_proposal`);
  }
}
