import type { MigrationInterface, QueryRunner } from 'typeorm';
import { schemaOf } from '@sanshe/persistence';

/**
 * Needs a community publishes, the activity-proposal read model (from organization's proposal.submitted
 * and governance's decision.decided, in any order), and what each approved outcome did to a need:
 * need_match is keyed by the decision, so a re-sent decided has no second effect.
 * Categories frozen here, like all migration data (the contract's NEED_CATEGORIES at the time).
 */
export class CreateNeeds1796000000010 implements MigrationInterface {
  async up(runner: QueryRunner): Promise<void> {
    const s = schemaOf(runner);
    await runner.query(`
      CREATE TABLE ${s}.need (
        need_id             text        PRIMARY KEY,
        community_code      text        NOT NULL REFERENCES ${s}.administrative_area (code),
        category            text        NOT NULL CHECK (category IN ('elderly-care', 'children-youth', 'education',
                                          'health', 'disability', 'poverty-alleviation', 'culture-hobby', 'other')),
        title               text        NOT NULL,
        description         text        NOT NULL,
        target_group        text        NOT NULL,
        expected_size       integer     NOT NULL CHECK (expected_size > 0),
        priority            text        NOT NULL CHECK (priority IN ('low', 'normal', 'high', 'urgent')),
        period_from         date        NOT NULL,
        period_to           date        NOT NULL,
        status              text        NOT NULL CHECK (status IN ('open', 'matched', 'closed')),
        matched_proposal_id text,
        matched_decision_id text,
        matched_organization_id text,
        closed_reason       text        CHECK (closed_reason IN ('met', 'withdrawn', 'expired')),
        closed_note         text,
        created_by          text        NOT NULL,
        created_at          timestamptz NOT NULL DEFAULT now(),
        CHECK (period_from <= period_to),
        CHECK (status <> 'matched' OR matched_decision_id IS NOT NULL),
        CHECK ((status = 'closed') = (closed_reason IS NOT NULL))
      )`);
    await runner.query(`CREATE INDEX need_by_community ON ${s}.need (community_code, created_at DESC)`);
    await runner.query(`
      CREATE TABLE ${s}.need_match (
        decision_id text        PRIMARY KEY,
        need_id     text        NOT NULL,
        proposal_id text        NOT NULL,
        effect      text        NOT NULL CHECK (effect IN ('matched', 'already-matched', 'need-closed', 'unknown-need')),
        created_at  timestamptz NOT NULL DEFAULT now()
      )`);
    await runner.query(`
      CREATE TABLE ${s}.activity_proposal (
        proposal_id     text        PRIMARY KEY,
        organization_id text,
        community_code  text,
        need_id         text,
        title           text,
        submitted       boolean     NOT NULL DEFAULT false,
        decision_id     text,
        result          text        CHECK (result IN ('approved', 'rejected', 'withdrawn')),
        updated_at      timestamptz NOT NULL DEFAULT now()
      )`);
  }

  async down(runner: QueryRunner): Promise<void> {
    const s = schemaOf(runner);
    await runner.query(`DROP TABLE ${s}.activity_proposal, ${s}.need_match, ${s}.need`);
  }
}
