import type { MigrationInterface, QueryRunner } from 'typeorm';
import { schemaOf } from '@sanshe/persistence';

/**
 * Filing instead of approval (docs/decisions.md): one `filing` row per filed proposal, with the opening its
 * decision would have (`opening`, the workflow's input less the policy), the seats that may call it in and
 * the window; one `filing_call_in` row per party that asked (PK (proposal, party): a party calls in once).
 * A call-in that comes before its filing waits (`waiting`) and is judged when the filing arrives; `event` is
 * the call-in event itself, which a refusal names and the decision's `openedBy` records.
 */
export class CreateFiling1795737600013 implements MigrationInterface {
  async up(runner: QueryRunner): Promise<void> {
    const s = schemaOf(runner);
    await runner.query(`
      CREATE TABLE ${s}.filing (
        proposal_id        text        PRIMARY KEY,
        decision_id        text        NOT NULL UNIQUE,
        community_code     text        NOT NULL,
        organization_id    text        NOT NULL,
        proposer_id        text        NOT NULL,
        title              text        NOT NULL,
        summary            text        NOT NULL,
        opening            jsonb       NOT NULL,
        rule_version       int         NOT NULL CHECK (rule_version >= 1),
        call_in_until      timestamptz NOT NULL,
        eligible_party_ids text[]      NOT NULL,
        status             text        NOT NULL CHECK (status IN ('noticed', 'called-in', 'withdrawn')),
        cause              text        CHECK (cause IN ('parties', 'not-low-risk')),
        violations         jsonb,
        noticed_at         timestamptz NOT NULL DEFAULT now(),
        CHECK ((status = 'called-in') = (cause IS NOT NULL))
      )`);
    await runner.query(`
      CREATE TABLE ${s}.filing_call_in (
        proposal_id  text        NOT NULL,
        party_id     text        NOT NULL,
        controller   text,
        cast_by      text        NOT NULL,
        reason       jsonb       NOT NULL,
        event_source text        NOT NULL,
        event_id     text        NOT NULL,
        event        jsonb       NOT NULL,
        cast_at      timestamptz NOT NULL,
        seq          bigint      GENERATED ALWAYS AS IDENTITY,
        status       text        NOT NULL CHECK (status IN ('waiting', 'accepted', 'refused')),
        refusal_code text,
        refusal_reason text,
        CHECK ((status = 'refused') = (refusal_code IS NOT NULL)),
        PRIMARY KEY (proposal_id, party_id),
        UNIQUE (event_source, event_id)
      )`);
  }

  async down(runner: QueryRunner): Promise<void> {
    const s = schemaOf(runner);
    await runner.query(`DROP TABLE ${s}.filing_call_in`);
    await runner.query(`DROP TABLE ${s}.filing`);
  }
}
