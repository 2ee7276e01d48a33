import type { MigrationInterface, QueryRunner } from 'typeorm';
import { schemaOf } from '@sanshe/persistence';

/**
 * A grant's tranche payments: at most one per grant and tranche (the UNIQUE key every concurrent or retried
 * payTranche meets), through one rail. `internal` settles itself at `settle_after`; `portal-confirmed` waits for the
 * confirmation of `confirming_party` (the program's portal funder). A failed payment is instructed again
 * only by an explicit retry, which keeps its payment_id and counts `attempt` (its ledger keys name it).
 */
export class CreatePayment1799000000060 implements MigrationInterface {
  async up(runner: QueryRunner): Promise<void> {
    const s = schemaOf(runner);
    await runner.query(`
      CREATE TABLE ${s}.payment (
        payment_id       text        PRIMARY KEY,
        grant_id         text        NOT NULL,
        tranche_no       int         NOT NULL CHECK (tranche_no >= 1),
        program_id       text        NOT NULL,
        organization_id  text        NOT NULL,
        community_code   text        NOT NULL,
        amount_fen       bigint      NOT NULL CHECK (amount_fen > 0),
        currency         char(3)     NOT NULL,
        rail             text        NOT NULL CHECK (rail IN ('internal', 'portal-confirmed')),
        confirming_party text,
        status           text        NOT NULL CHECK (status IN ('instructed', 'settled', 'failed')),
        attempt          int         NOT NULL DEFAULT 1 CHECK (attempt >= 1),
        rail_reference   text,
        settle_after     timestamptz,
        instructed_at    timestamptz NOT NULL DEFAULT now(),
        settled_at       timestamptz,
        confirmed_by     text,
        failure          jsonb,
        UNIQUE (grant_id, tranche_no),
        CHECK ((rail = 'portal-confirmed') = (confirming_party IS NOT NULL)),
        CHECK ((status = 'settled') = (settled_at IS NOT NULL)),
        CHECK ((status = 'failed') = (failure IS NOT NULL))
      )`);
    await runner.query(
      `CREATE INDEX payment_due ON ${s}.payment (settle_after) WHERE status = 'instructed' AND rail = 'internal'`,
    );
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`DROP TABLE ${schemaOf(runner)}.payment`);
  }
}
