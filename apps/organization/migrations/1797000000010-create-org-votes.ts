import type { MigrationInterface, QueryRunner } from 'typeorm';
import { schemaOf } from '@sanshe/persistence';

/**
 * The organization's view of governance's decisions and filings that seat an organization party
 * (organization:<id>) or that an organization proposed, from governance's events; and the votes and
 * call-ins its admins send, each as one event (event_id) whose refusal, if governance refuses it, is
 * written back here.
 */
export class CreateOrgVotes1797000000010 implements MigrationInterface {
  async up(runner: QueryRunner): Promise<void> {
    const s = schemaOf(runner);
    await runner.query(`
      CREATE TABLE ${s}.org_decision (
        decision_id    text        PRIMARY KEY,
        kind           text        NOT NULL,
        subject_id     text        NOT NULL,
        community_code text        NOT NULL,
        title          text        NOT NULL,
        proposer_id    text        NOT NULL,
        stage          text        NOT NULL CHECK (stage IN ('voting', 'deliberation', 'escalated', 'closed')),
        round          int         NOT NULL CHECK (round >= 1),
        last_seq       int         NOT NULL DEFAULT 0,
        result         text,
        opened_at      timestamptz NOT NULL DEFAULT now(),
        updated_at     timestamptz NOT NULL DEFAULT now()
      )`);
    await runner.query(`
      CREATE TABLE ${s}.org_decision_seat (
        decision_id text        NOT NULL REFERENCES ${s}.org_decision (decision_id),
        party_id    text        NOT NULL,
        round       int         NOT NULL,
        deadline    timestamptz NOT NULL,
        PRIMARY KEY (decision_id, party_id)
      )`);
    await runner.query(`CREATE INDEX org_decision_seat_by_party ON ${s}.org_decision_seat (party_id)`);
    await runner.query(`
      CREATE TABLE ${s}.org_vote (
        vote_id          text        PRIMARY KEY,
        event_id         text        NOT NULL UNIQUE,
        decision_id      text        NOT NULL REFERENCES ${s}.org_decision (decision_id),
        party_id         text        NOT NULL,
        round            int         NOT NULL,
        choice           text        NOT NULL CHECK (choice IN ('approve', 'object', 'abstain')),
        reason           jsonb,
        cast_by_sub      text        NOT NULL,
        status           text        NOT NULL CHECK (status IN ('sent', 'rejected')),
        rejection_code   text,
        rejection_reason text,
        created_at       timestamptz NOT NULL DEFAULT now(),
        CHECK (choice <> 'object' OR reason IS NOT NULL)
      )`);
    await runner.query(`CREATE INDEX org_vote_by_decision ON ${s}.org_vote (decision_id, party_id)`);
    await runner.query(`
      CREATE TABLE ${s}.org_filing (
        decision_id        text        PRIMARY KEY,
        proposal_id        text        NOT NULL UNIQUE,
        community_code     text        NOT NULL,
        proposer_id        text        NOT NULL,
        call_in_until      timestamptz NOT NULL,
        eligible_party_ids text[]      NOT NULL,
        status             text        NOT NULL CHECK (status IN ('noticed', 'called-in', 'withdrawn')),
        noticed_at         timestamptz NOT NULL DEFAULT now()
      )`);
    await runner.query(`
      CREATE TABLE ${s}.org_call_in (
        call_in_id       text        PRIMARY KEY,
        event_id         text        NOT NULL UNIQUE,
        decision_id      text        NOT NULL REFERENCES ${s}.org_filing (decision_id),
        proposal_id      text        NOT NULL,
        party_id         text        NOT NULL,
        reason           jsonb       NOT NULL,
        cast_by_sub      text        NOT NULL,
        status           text        NOT NULL CHECK (status IN ('sent', 'rejected')),
        rejection_code   text,
        rejection_reason text,
        created_at       timestamptz NOT NULL DEFAULT now()
      )`);
  }

  async down(runner: QueryRunner): Promise<void> {
    const s = schemaOf(runner);
    await runner.query(`DROP TABLE ${s}.org_call_in`);
    await runner.query(`DROP TABLE ${s}.org_filing`);
    await runner.query(`DROP TABLE ${s}.org_vote`);
    await runner.query(`DROP TABLE ${s}.org_decision_seat`);
    await runner.query(`DROP TABLE ${s}.org_decision`);
  }
}
