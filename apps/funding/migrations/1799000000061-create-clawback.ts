import type { MigrationInterface, QueryRunner } from 'typeorm';
import { schemaOf } from '@sanshe/persistence';

/**
 * A request to recover (part of) a settled tranche: at most one per grant and tranche (the key a retried
 * requestClawback meets), of its settled payment; the amount is checked against that payment by the use case,
 * and the ledger's paid account, which may never go below 0, bounds it again.
 */
export class CreateClawback1799000000061 implements MigrationInterface {
  async up(runner: QueryRunner): Promise<void> {
    const s = schemaOf(runner);
    await runner.query(`
      CREATE TABLE ${s}.clawback (
        clawback_id   text        PRIMARY KEY,
        grant_id      text        NOT NULL,
        tranche_no    int         NOT NULL,
        payment_id    text        NOT NULL REFERENCES ${s}.payment (payment_id),
        amount_fen    bigint      NOT NULL CHECK (amount_fen > 0),
        currency      char(3)     NOT NULL,
        decision_id   text        NOT NULL,
        reason        text        NOT NULL CHECK (length(reason) BETWEEN 1 AND 2000),
        status        text        NOT NULL CHECK (status IN ('requested', 'recovered')),
        requested_at  timestamptz NOT NULL DEFAULT now(),
        recovered_at  timestamptz,
        UNIQUE (grant_id, tranche_no),
        CHECK ((status = 'recovered') = (recovered_at IS NOT NULL))
      )`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`DROP TABLE ${schemaOf(runner)}.clawback`);
  }
}
