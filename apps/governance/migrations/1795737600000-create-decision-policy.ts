import type { MigrationInterface, QueryRunner } from 'typeorm';
import { schemaOf } from '@sanshe/persistence';

/**
 * Decision policies as data: every change of a policy is a new row (policy_id, version), never an
 * update, because a running decision pins the version it started with and must keep reading it.
 * `body` is the whole DecisionPolicyInput; decision_kind and community_code repeat two of its fields
 * as columns so that resolving "what would a new decision use" is an index lookup.
 */
export class CreateDecisionPolicy1795737600000 implements MigrationInterface {
  async up(runner: QueryRunner): Promise<void> {
    const s = schemaOf(runner);
    await runner.query(`
      CREATE TABLE ${s}.decision_policy (
        policy_id      text        NOT NULL,
        version        int         NOT NULL CHECK (version >= 1),
        decision_kind  text        NOT NULL,
        community_code text,
        body           jsonb       NOT NULL,
        created_at     timestamptz NOT NULL DEFAULT now(),
        created_by     text,
        PRIMARY KEY (policy_id, version)
      )`);
    // resolve(kind, community): the community's own policy or the district-wide one (NULL), newest first.
    await runner.query(
      `CREATE INDEX decision_policy_resolve ON ${s}.decision_policy (decision_kind, community_code, version DESC)`,
    );
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`DROP TABLE ${schemaOf(runner)}.decision_policy`);
  }
}
