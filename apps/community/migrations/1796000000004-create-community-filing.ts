import type { MigrationInterface, QueryRunner } from 'typeorm';
import { schemaOf } from '@sanshe/persistence';

/**
 * Filing instead of approval (docs/decisions.md): the filed proposals governance noticed to the community's
 * parties (community:<code>, residents:<code>), from governance's events; and the call-ins its
 * representatives sent, each as one filing.call-in-requested event (event_id) whose refusal, if governance
 * refuses it, is written back here. A party calls a filing in once (the unique pair).
 */
export class CreateCommunityFiling1796000000004 implements MigrationInterface {
  async up(runner: QueryRunner): Promise<void> {
    const s = schemaOf(runner);
    await runner.query(`
      CREATE TABLE ${s}.community_filing (
        decision_id        text        PRIMARY KEY,
        proposal_id        text        NOT NULL UNIQUE,
        community_code     text        NOT NULL,
        proposer_id        text        NOT NULL,
        call_in_until      timestamptz NOT NULL,
        eligible_party_ids text[]      NOT NULL,
        status             text        NOT NULL CHECK (status IN ('noticed', 'called-in')),
        noticed_at         timestamptz NOT NULL DEFAULT now()
      )`);
    await runner.query(
      `CREATE INDEX community_filing_by_party ON ${s}.community_filing USING gin (eligible_party_ids)`,
    );
    await runner.query(`
      CREATE TABLE ${s}.community_call_in (
        call_in_id       text        PRIMARY KEY,
        event_id         text        NOT NULL UNIQUE,
        decision_id      text        NOT NULL REFERENCES ${s}.community_filing (decision_id),
        proposal_id      text        NOT NULL,
        party_id         text        NOT NULL,
        reason_code      text        NOT NULL,
        reason_text      text        NOT NULL,
        cast_by_sub      text        NOT NULL,
        status           text        NOT NULL CHECK (status IN ('sent', 'rejected')),
        rejection_code   text,
        rejection_reason text,
        created_at       timestamptz NOT NULL DEFAULT now(),
        UNIQUE (decision_id, party_id)
      )`);
  }

  async down(runner: QueryRunner): Promise<void> {
    const s = schemaOf(runner);
    await runner.query(`DROP TABLE ${s}.community_call_in`);
    await runner.query(`DROP TABLE ${s}.community_filing`);
  }
}
