import type { MigrationInterface, QueryRunner } from 'typeorm';
import { schemaOf } from '@sanshe/persistence';

/**
 * The public record: a read model built only from the public topics' events, holding nothing personal (no
 * resident, no worker's name; parties by id). Events of different topics arrive in any order, so rows are
 * upserts whose unknown columns stay NULL until an event tells them; a decision keeps the audit position of the
 * event that last changed it (`last_seq`), so a late or repeated event never rolls it back.
 */
export class CreatePublicRecord1796100000001 implements MigrationInterface {
  async up(runner: QueryRunner): Promise<void> {
    const s = schemaOf(runner);
    await runner.query(`
      CREATE TABLE ${s}.public_community (
        community_code text PRIMARY KEY,
        street_code    text NOT NULL,
        name           text NOT NULL,
        revision       int  NOT NULL
      )`);
    await runner.query(`
      CREATE TABLE ${s}.public_need (
        need_id       text        PRIMARY KEY,
        community_code text       NOT NULL,
        category      text        NOT NULL,
        title         text        NOT NULL,
        target_group  text        NOT NULL,
        expected_size int         NOT NULL,
        priority      text        NOT NULL,
        period_from   date        NOT NULL,
        period_to     date        NOT NULL,
        status        text        NOT NULL CHECK (status IN ('open', 'matched', 'closed')),
        close_reason  text,
        decision_id   text,
        published_at  timestamptz NOT NULL
      )`);
    await runner.query(`CREATE INDEX public_need_community ON ${s}.public_need (community_code)`);
    await runner.query(`
      CREATE TABLE ${s}.public_decision (
        decision_id    text        PRIMARY KEY,
        kind           text        NOT NULL,
        subject_id     text        NOT NULL,
        community_code text,
        title          text,
        proposer_id    text,
        stage          text        NOT NULL CHECK (stage IN ('voting', 'deliberation', 'escalated', 'decided')),
        result         text,
        decided_by     text,
        level          int,
        arbiter_id     text,
        outcome_reason text,
        tally          jsonb,
        opened_at      timestamptz,
        decided_at     timestamptz,
        last_seq       bigint      NOT NULL
      )`);
    await runner.query(`CREATE INDEX public_decision_community ON ${s}.public_decision (community_code)`);
    await runner.query(`
      CREATE TABLE ${s}.public_seat (
        decision_id text        NOT NULL,
        round       int         NOT NULL,
        party_id    text        NOT NULL,
        deadline    timestamptz NOT NULL,
        opened_at   timestamptz NOT NULL,
        PRIMARY KEY (decision_id, round, party_id)
      )`);
    await runner.query(`
      CREATE TABLE ${s}.public_vote (
        source      text        NOT NULL,
        event_id    text        NOT NULL,
        decision_id text        NOT NULL,
        party_id    text        NOT NULL,
        choice      text        NOT NULL CHECK (choice IN ('approve', 'object', 'abstain')),
        round       int,
        reason_code text,
        reason_text text,
        cast_at     timestamptz NOT NULL,
        PRIMARY KEY (source, event_id)
      )`);
    await runner.query(`CREATE INDEX public_vote_decision ON ${s}.public_vote (decision_id)`);
    await runner.query(`
      CREATE TABLE ${s}.public_vote_refusal (
        source      text NOT NULL,
        event_id    text NOT NULL,
        decision_id text NOT NULL,
        code        text NOT NULL,
        PRIMARY KEY (source, event_id)
      )`);
    await runner.query(`
      CREATE TABLE ${s}.public_grant (
        grant_id        text   PRIMARY KEY,
        community_code  text   NOT NULL,
        program_id      text,
        organization_id text,
        funder_id       text,
        title           text,
        amount_fen      bigint CHECK (amount_fen >= 0),
        currency        text,
        status          text   NOT NULL CHECK (status IN ('awarded', 'active', 'voided')),
        void_reason     text
      )`);
    await runner.query(`CREATE INDEX public_grant_community ON ${s}.public_grant (community_code)`);
    await runner.query(`
      CREATE TABLE ${s}.public_tranche (
        grant_id    text        NOT NULL,
        tranche_no  int         NOT NULL,
        amount_fen  bigint      CHECK (amount_fen >= 0),
        currency    text,
        milestone   text,
        due_date    date,
        paid_fen    bigint      CHECK (paid_fen >= 0),
        paid_at     timestamptz,
        PRIMARY KEY (grant_id, tranche_no)
      )`);
    await runner.query(`
      CREATE TABLE ${s}.public_evaluation (
        evaluation_id   text        PRIMARY KEY,
        activity_id     text        NOT NULL,
        organization_id text        NOT NULL,
        community_code  text        NOT NULL,
        evaluator       text        NOT NULL,
        scores          jsonb       NOT NULL,
        recorded_at     timestamptz NOT NULL
      )`);
    await runner.query(`CREATE INDEX public_evaluation_community ON ${s}.public_evaluation (community_code)`);
  }

  async down(runner: QueryRunner): Promise<void> {
    const s = schemaOf(runner);
    const tables = ['evaluation', 'tranche', 'grant', 'vote_refusal', 'vote', 'seat', 'decision', 'need', 'community'];
    await runner.query(`DROP TABLE ${tables.map((t) => `${s}.public_${t}`).join(', ')}`);
  }
}
