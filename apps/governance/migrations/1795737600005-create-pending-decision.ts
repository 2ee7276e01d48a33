import type { MigrationInterface, QueryRunner } from 'typeorm';
import { schemaOf } from '@sanshe/persistence';

/**
 * The approvers' inbox (GET /parties/{partyId}/pending). pending_decision: one row per open decision with
 * the parties its latest public event said it waits on, written in the same transaction as that event's
 * outbox row; `audit_seq` orders the events, so a late write never overwrites a newer one.
 * pending_vote: the votes and rulings the bridge saw accepted, per round, subtracted at read time (a vote
 * may be accepted before the event that opened its round is written). Both go when the decision closes.
 */
export class CreatePendingDecision1795737600005 implements MigrationInterface {
  async up(runner: QueryRunner): Promise<void> {
    const s = schemaOf(runner);
    await runner.query(`
      CREATE TABLE ${s}.pending_decision (
        decision_id    text        PRIMARY KEY,
        kind           text        NOT NULL,
        subject_id     text        NOT NULL,
        community_code text        NOT NULL,
        title          text        NOT NULL,
        round          int         NOT NULL,
        stage          text        NOT NULL,
        audit_seq      int         NOT NULL,
        pending        jsonb       NOT NULL,
        updated_at     timestamptz NOT NULL DEFAULT now()
      )`);
    // "Which decisions wait on party X": containment on the pending array, [{"partyId": X}].
    await runner.query(
      `CREATE INDEX pending_decision_parties ON ${s}.pending_decision USING gin (pending jsonb_path_ops)`,
    );
    await runner.query(`
      CREATE TABLE ${s}.pending_vote (
        decision_id text NOT NULL,
        party_id    text NOT NULL,
        round       int  NOT NULL,
        PRIMARY KEY (decision_id, party_id, round)
      )`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`DROP TABLE ${schemaOf(runner)}.pending_vote`);
    await runner.query(`DROP TABLE ${schemaOf(runner)}.pending_decision`);
  }
}
