import type { MigrationInterface, QueryRunner } from 'typeorm';
import { schemaOf } from '@sanshe/persistence';

/**
 * The objections, clawback proposals and cancellation requests funding sends for grants' funders, each as one
 * event (event_id) whose refusal by governance is written back here. An objection per tranche and one
 * cancellation per grant while governance has not refused them (the workflow takes one objection per party
 * and tranche); clawbacks are each a decision of their own.
 */
export class CreateDisbursementRequest1799000000090 implements MigrationInterface {
  async up(runner: QueryRunner): Promise<void> {
    const s = schemaOf(runner);
    await runner.query(`
      CREATE TABLE ${s}.funding_disbursement_request (
        request_id     text        PRIMARY KEY,
        event_id       text        NOT NULL UNIQUE,
        kind           text        NOT NULL CHECK (kind IN ('objection', 'clawback', 'cancellation')),
        grant_id       text        NOT NULL,
        tranche_no     int         CHECK (tranche_no >= 1),
        party_id       text        NOT NULL,
        amount_fen     bigint      CHECK (amount_fen > 0),
        currency       text,
        reason_code    text        NOT NULL,
        reason_text    text        NOT NULL,
        cast_by_sub    text        NOT NULL,
        created_at     timestamptz NOT NULL DEFAULT now(),
        status         text        NOT NULL CHECK (status IN ('sent', 'refused')),
        refusal_code   text,
        refusal_reason text,
        CHECK ((kind = 'cancellation') = (tranche_no IS NULL)),
        CHECK ((kind = 'clawback') = (amount_fen IS NOT NULL AND currency IS NOT NULL))
      )`);
    await runner.query(`
      CREATE UNIQUE INDEX funding_disbursement_request_once
        ON ${s}.funding_disbursement_request (grant_id, kind, party_id, (coalesce(tranche_no, 0)))
        WHERE kind <> 'clawback' AND status = 'sent'`);
    await runner.query(`
      CREATE INDEX funding_disbursement_request_by_grant ON ${s}.funding_disbursement_request (grant_id, created_at)`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`DROP TABLE ${schemaOf(runner)}.funding_disbursement_request`);
  }
}
