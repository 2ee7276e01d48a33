import type { MigrationInterface, QueryRunner } from 'typeorm';
import { schemaOf } from '@sanshe/persistence';

/**
 * The rewards ledger: append-only (a trigger refuses UPDATE, DELETE and TRUNCATE), the balance is the sum
 * of `points` (earned > 0, redeemed < 0, a recognition 0). Every entry names its cause — the hours record,
 * the training completion, the evaluated activity, the redemption or the award — and the rules version that
 * priced it. A cause earns once (UNIQUE); a recognition is awarded once per worker (and year, when yearly).
 */
export class CreateRewardEntry1798000000030 implements MigrationInterface {
  async up(runner: QueryRunner): Promise<void> {
    const s = schemaOf(runner);
    await runner.query(`
      CREATE TABLE ${s}.reward_entry (
        entry_id         bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        worker_id        text        NOT NULL REFERENCES ${s}.worker (worker_id),
        kind             text        NOT NULL CHECK (kind IN ('earned', 'redeemed', 'recognition')),
        points           int         NOT NULL,
        cause_type       text        NOT NULL CHECK (cause_type IN ('hours', 'training', 'evaluation', 'redemption',
                                       'award')),
        cause_id         text        NOT NULL,
        recognition      text,
        recognition_year int,
        note             text        CHECK (char_length(note) <= 200),
        rule_version     int         NOT NULL CHECK (rule_version >= 1),
        recorded_by      text        NOT NULL,
        at               timestamptz NOT NULL DEFAULT now(),
        CHECK (kind <> 'earned' OR points > 0),
        CHECK (kind <> 'redeemed' OR (points < 0 AND cause_type = 'redemption')),
        CHECK ((kind = 'recognition') = (recognition IS NOT NULL)),
        CHECK (kind <> 'recognition' OR points = 0)
      )`);
    await runner.query(`
      CREATE UNIQUE INDEX reward_entry_cause_once ON ${s}.reward_entry (worker_id, kind, cause_type, cause_id)
        WHERE kind <> 'recognition'`);
    await runner.query(`
      CREATE UNIQUE INDEX reward_entry_recognition_once ON ${s}.reward_entry
        (worker_id, recognition, coalesce(recognition_year, 0)) WHERE kind = 'recognition'`);
    await runner.query(`CREATE INDEX reward_entry_by_worker ON ${s}.reward_entry (worker_id, entry_id)`);
    await runner.query(`
      CREATE FUNCTION ${s}.refuse_reward_entry_change() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'reward_entry is append-only: % refused', TG_OP;
      END $$`);
    await runner.query(`
      CREATE TRIGGER reward_entry_append_only BEFORE UPDATE OR DELETE ON ${s}.reward_entry
        FOR EACH ROW EXECUTE FUNCTION ${s}.refuse_reward_entry_change()`);
    await runner.query(`
      CREATE TRIGGER reward_entry_no_truncate BEFORE TRUNCATE ON ${s}.reward_entry
        FOR EACH STATEMENT EXECUTE FUNCTION ${s}.refuse_reward_entry_change()`);
  }

  async down(runner: QueryRunner): Promise<void> {
    const s = schemaOf(runner);
    await runner.query(`DROP TABLE ${s}.reward_entry`);
    await runner.query(`DROP FUNCTION ${s}.refuse_reward_entry_change()`);
  }
}
