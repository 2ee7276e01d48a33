import type { MigrationInterface, QueryRunner } from 'typeorm';
import { schemaOf } from '@sanshe/persistence';

/**
 * The double-entry ledger (docs: apps/funding/README.md "Ledger"). Accounts keep their balance on their
 * normal side; two CHECKs are the database's half of the invariants (a debit-normal balance never below
 * zero; never above the cap = the award). Entries and lines are append-only. A DEFERRABLE INITIALLY
 * DEFERRED constraint trigger re-checks each entry at COMMIT: at least two lines, Σdebit = Σcredit, and
 * every line's account in the entry's currency — so no transaction can commit half an entry.
 */
export class CreateLedger1799000000020 implements MigrationInterface {
  async up(runner: QueryRunner): Promise<void> {
    const s = schemaOf(runner);
    await runner.query(`
      CREATE TABLE ${s}.ledger_account (
        account_id  text        PRIMARY KEY,
        owner_kind  text        NOT NULL CHECK (owner_kind IN ('program', 'grant')),
        owner_id    text        NOT NULL,
        purpose     text        NOT NULL CHECK (purpose IN ('source', 'available', 'reserved', 'payable', 'paid',
                                  'clawback-receivable')),
        currency    char(3)     NOT NULL CHECK (currency ~ '^[A-Z]{3}$'),
        normal_side text        NOT NULL CHECK (normal_side IN ('debit', 'credit')),
        balance_fen bigint      NOT NULL DEFAULT 0,
        cap_fen     bigint      CHECK (cap_fen IS NULL OR cap_fen >= 0),
        opened_at   timestamptz NOT NULL DEFAULT now(),
        UNIQUE (owner_kind, owner_id, purpose),
        CONSTRAINT ledger_account_id_names_owner CHECK (account_id = owner_kind || '/' || owner_id || '/' || purpose),
        CONSTRAINT ledger_account_side_of_purpose CHECK ((normal_side = 'credit') = (purpose = 'source')),
        CONSTRAINT ledger_account_not_negative CHECK (normal_side = 'credit' OR balance_fen >= 0),
        CONSTRAINT ledger_account_within_cap CHECK (cap_fen IS NULL OR balance_fen <= cap_fen)
      )`);
    await runner.query(`
      CREATE TABLE ${s}.journal_entry (
        entry_id        uuid        PRIMARY KEY,
        idempotency_key text        NOT NULL UNIQUE CHECK (char_length(idempotency_key) BETWEEN 1 AND 300),
        content_hash    text        NOT NULL CHECK (content_hash ~ '^[0-9a-f]{64}$'),
        kind            text        NOT NULL CHECK (kind IN ('fund', 'defund', 'reserve', 'release', 'instruct',
                                      'settle', 'fail', 'clawback', 'recover')),
        cause_type      text        NOT NULL CHECK (cause_type IN ('program', 'grant', 'tranche')),
        cause_id        text        NOT NULL,
        currency        char(3)     NOT NULL CHECK (currency ~ '^[A-Z]{3}$'),
        posted_at       timestamptz NOT NULL DEFAULT now()
      )`);
    await runner.query(`
      CREATE TABLE ${s}.journal_line (
        entry_id   uuid     NOT NULL REFERENCES ${s}.journal_entry (entry_id),
        line_no    smallint NOT NULL CHECK (line_no >= 1),
        account_id text     NOT NULL REFERENCES ${s}.ledger_account (account_id),
        side       text     NOT NULL CHECK (side IN ('debit', 'credit')),
        amount_fen bigint   NOT NULL CHECK (amount_fen > 0),
        PRIMARY KEY (entry_id, line_no)
      )`);
    await runner.query(`CREATE INDEX journal_line_by_account ON ${s}.journal_line (account_id)`);
    await this.createAppendOnlyTriggers(runner, s);
    await this.createBalancedEntryTriggers(runner, s);
  }

  private async createAppendOnlyTriggers(runner: QueryRunner, s: string): Promise<void> {
    await runner.query(`
      CREATE FUNCTION ${s}.refuse_ledger_change() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION '% is append-only: % refused', TG_TABLE_NAME, TG_OP USING ERRCODE = 'P0001';
      END $$`);
    for (const table of ['journal_entry', 'journal_line']) {
      await runner.query(`
        CREATE TRIGGER ${table}_append_only BEFORE UPDATE OR DELETE ON ${s}.${table}
          FOR EACH ROW EXECUTE FUNCTION ${s}.refuse_ledger_change()`);
    }
    // An account is never deleted and only its balance moves: any other column in an UPDATE is refused.
    await runner.query(`
      CREATE TRIGGER ledger_account_fixed BEFORE UPDATE OF account_id, owner_kind, owner_id, purpose, currency,
        normal_side, cap_fen, opened_at OR DELETE ON ${s}.ledger_account
        FOR EACH ROW EXECUTE FUNCTION ${s}.refuse_ledger_change()`);
    for (const table of ['journal_entry', 'journal_line', 'ledger_account']) {
      await runner.query(`
        CREATE TRIGGER ${table}_no_truncate BEFORE TRUNCATE ON ${s}.${table}
          FOR EACH STATEMENT EXECUTE FUNCTION ${s}.refuse_ledger_change()`);
    }
  }

  private async createBalancedEntryTriggers(runner: QueryRunner, s: string): Promise<void> {
    await runner.query(`
      CREATE FUNCTION ${s}.check_journal_entry_balanced() RETURNS trigger LANGUAGE plpgsql AS $$
      DECLARE
        entry_currency char(3);
        line_count int;
        debits numeric;
        credits numeric;
        foreign_lines int;
      BEGIN
        SELECT currency INTO entry_currency FROM ${s}.journal_entry WHERE entry_id = NEW.entry_id;
        SELECT count(*),
               coalesce(sum(l.amount_fen) FILTER (WHERE l.side = 'debit'), 0),
               coalesce(sum(l.amount_fen) FILTER (WHERE l.side = 'credit'), 0),
               count(*) FILTER (WHERE a.currency <> entry_currency)
          INTO line_count, debits, credits, foreign_lines
          FROM ${s}.journal_line l JOIN ${s}.ledger_account a ON a.account_id = l.account_id
         WHERE l.entry_id = NEW.entry_id;
        IF line_count < 2 OR debits <> credits THEN
          RAISE EXCEPTION 'journal entry % does not balance: % lines, debits % fen, credits % fen',
            NEW.entry_id, line_count, debits, credits
            USING ERRCODE = '23514', CONSTRAINT = 'journal_entry_balanced';
        END IF;
        IF foreign_lines > 0 THEN
          RAISE EXCEPTION 'journal entry % mixes currencies: % line(s) on accounts not in %',
            NEW.entry_id, foreign_lines, entry_currency
            USING ERRCODE = '23514', CONSTRAINT = 'journal_entry_one_currency';
        END IF;
        RETURN NULL;
      END $$`);
    // On the entry (an entry with no lines) and on each line (lines added later to any entry).
    for (const table of ['journal_entry', 'journal_line']) {
      await runner.query(`
        CREATE CONSTRAINT TRIGGER ${table}_balanced AFTER INSERT ON ${s}.${table}
          DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION ${s}.check_journal_entry_balanced()`);
    }
  }

  async down(runner: QueryRunner): Promise<void> {
    const s = schemaOf(runner);
    await runner.query(`DROP TABLE ${s}.journal_line, ${s}.journal_entry, ${s}.ledger_account`);
    await runner.query(`DROP FUNCTION ${s}.check_journal_entry_balanced(), ${s}.refuse_ledger_change()`);
  }
}
