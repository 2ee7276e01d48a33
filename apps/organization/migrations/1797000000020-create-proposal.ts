import type { MigrationInterface, QueryRunner } from 'typeorm';
import { schemaOf } from '@sanshe/persistence';

/**
 * Proposals through their whole life: a draft, then submitted (governance decides) or filed (low-risk,
 * goes ahead), its status after that kept from governance's events only (last_seq orders them), and
 * every revision of its content with governance's answer to each amendment.
 */
export class CreateProposal1797000000020 implements MigrationInterface {
  async up(runner: QueryRunner): Promise<void> {
    const s = schemaOf(runner);
    await runner.query(`
      CREATE TABLE ${s}.proposal (
        proposal_id         text        PRIMARY KEY,
        organization_id     text        NOT NULL REFERENCES ${s}.organization (organization_id),
        community_code      text        NOT NULL,
        status              text        NOT NULL CHECK (status IN ('draft', 'submitted', 'filed', 'under-review',
                              'deliberation', 'escalated', 'approved', 'rejected', 'withdrawn', 'discarded')),
        current_revision    int         NOT NULL CHECK (current_revision >= 1),
        decision_id         text,
        decision_stage      text        CHECK (decision_stage IN ('voting', 'deliberation', 'escalated', 'decided')),
        decision_round      int         CHECK (decision_round >= 1),
        last_seq            int         NOT NULL DEFAULT 0,
        result              text        CHECK (result IN ('approved', 'rejected', 'withdrawn')),
        called_in           jsonb,
        call_in_until       timestamptz,
        filing_rule_version int         CHECK (filing_rule_version >= 1),
        withdrawal          jsonb,
        created_by          text        NOT NULL,
        created_at          timestamptz NOT NULL DEFAULT now(),
        updated_at          timestamptz NOT NULL DEFAULT now(),
        CHECK ((decision_id IS NULL) = (decision_stage IS NULL))
      )`);
    await runner.query(`CREATE INDEX proposal_by_organization ON ${s}.proposal (organization_id, created_at DESC)`);
    await runner.query(`
      CREATE TABLE ${s}.proposal_revision (
        proposal_id    text        NOT NULL REFERENCES ${s}.proposal (proposal_id),
        revision_no    int         NOT NULL CHECK (revision_no >= 1),
        content        jsonb       NOT NULL,
        revision_text  text        CHECK ((revision_text IS NULL) = (revision_no = 1)),
        event_id       text        CONSTRAINT proposal_revision_event_unique UNIQUE,
        status         text        NOT NULL CHECK (status IN ('draft', 'sent', 'accepted', 'refused')),
        round          int         CHECK (round >= 1),
        refusal_code   text,
        refusal_reason text,
        created_by     text        NOT NULL,
        created_at     timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (proposal_id, revision_no),
        CHECK ((status = 'refused') = (refusal_code IS NOT NULL))
      )`);
  }

  async down(runner: QueryRunner): Promise<void> {
    const s = schemaOf(runner);
    await runner.query(`DROP TABLE ${s}.proposal_revision`);
    await runner.query(`DROP TABLE ${s}.proposal`);
  }
}
