import type { MigrationInterface, QueryRunner } from 'typeorm';
import { schemaOf } from '@sanshe/persistence';

/**
 * The objections and clawback proposals the community's representatives send about grants' disbursements,
 * each as one event (event_id) whose refusal by governance is written back here. One objection per party
 * and tranche, as the disbursement workflow takes (a refused one does not count).
 */
export class CreateDisbursementRequest1796000000060 implements MigrationInterface {
  async up(runner: QueryRunner): Promise<void> {
    const s = schemaOf(runner);
    await runner.query(`
      CREATE TABLE ${s}.community_disbursement_request (
        request_id     text        PRIMARY KEY,
        event_id       text        NOT NULL UNIQUE,
        kind           text        NOT NULL CHECK (kind IN ('objection', 'clawback')),
        grant_id       text        NOT NULL,
        tranche_no     int         NOT NULL CHECK (tranche_no >= 1),
        community_code text        NOT NULL,
        party_id       text        NOT NULL,
        amount_fen     bigint      CHECK (amount_fen > 0),
        reason_code    text        NOT NULL,
        reason_text    text        NOT NULL,
        cast_by_sub    text        NOT NULL,
        created_at     timestamptz NOT NULL DEFAULT now(),
        status         text        NOT NULL CHECK (status IN ('sent', 'refused')),
        refusal_code   text,
        refusal_reason text,
        CHECK ((kind = 'clawback') = (amount_fen IS NOT NULL))
      )`);
    await runner.query(`
      CREATE UNIQUE INDEX community_disbursement_objection_once
        ON ${s}.community_disbursement_request (grant_id, tranche_no, party_id)
        WHERE kind = 'objection' AND status = 'sent'`);
    await runner.query(`
      CREATE INDEX community_disbursement_request_by_grant
        ON ${s}.community_disbursement_request (grant_id, party_id)`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`DROP TABLE ${schemaOf(runner)}.community_disbursement_request`);
  }
}
