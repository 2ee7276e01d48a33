import type { MigrationInterface, QueryRunner } from 'typeorm';
import { schemaOf } from '@sanshe/persistence';

/**
 * The durable copy of each closed decision's audit trail (the namespace's retention deletes workflow
 * histories). decision_audit_record: one row per record of the hash chain, as the workflow wrote it.
 * closed_decision: the outcome, and the head hash and length the chain must end in. Both are
 * append-only: a trigger refuses UPDATE, DELETE and TRUNCATE, so changing a stored trail takes the
 * table owner disabling the trigger first — and `npm run decisions:verify` then reports the chain broken.
 */
export class CreateDecisionAudit1795737600007 implements MigrationInterface {
  async up(runner: QueryRunner): Promise<void> {
    const s = schemaOf(runner);
    await runner.query(`
      CREATE TABLE ${s}.closed_decision (
        decision_id    text        PRIMARY KEY,
        kind           text        NOT NULL,
        subject_id     text        NOT NULL,
        community_code text        NOT NULL,
        title          text        NOT NULL,
        outcome        jsonb       NOT NULL,
        head_hash      text        NOT NULL,
        length         int         NOT NULL CHECK (length > 0),
        closed_at      timestamptz NOT NULL,
        stored_at      timestamptz NOT NULL DEFAULT now()
      )`);
    await runner.query(`
      CREATE TABLE ${s}.decision_audit_record (
        decision_id text        NOT NULL REFERENCES ${s}.closed_decision (decision_id),
        seq         int         NOT NULL CHECK (seq > 0),
        at          timestamptz NOT NULL,
        entry       jsonb       NOT NULL,
        prev_hash   text        NOT NULL,
        hash        text        NOT NULL,
        PRIMARY KEY (decision_id, seq)
      )`);
    await runner.query(`
      CREATE FUNCTION ${s}.refuse_audit_change() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'the decision audit is append-only: % on % refused', TG_OP, TG_TABLE_NAME;
      END $$`);
    for (const table of ['closed_decision', 'decision_audit_record']) {
      await runner.query(`
        CREATE TRIGGER ${table}_append_only BEFORE UPDATE OR DELETE ON ${s}.${table}
          FOR EACH ROW EXECUTE FUNCTION ${s}.refuse_audit_change()`);
      await runner.query(`
        CREATE TRIGGER ${table}_no_truncate BEFORE TRUNCATE ON ${s}.${table}
          FOR EACH STATEMENT EXECUTE FUNCTION ${s}.refuse_audit_change()`);
    }
  }

  async down(runner: QueryRunner): Promise<void> {
    const s = schemaOf(runner);
    await runner.query(`DROP TABLE ${s}.decision_audit_record`);
    await runner.query(`DROP TABLE ${s}.closed_decision`);
    await runner.query(`DROP FUNCTION ${s}.refuse_audit_change()`);
  }
}
