import type { MigrationInterface, QueryRunner } from 'typeorm';
import { schemaOf } from '@sanshe/persistence';

/**
 * "What is happening in my community": read models built only from other contexts' events (proposals,
 * completed activities, governance's decisions, funding's grants), never from the community's own
 * tables. Each row keeps the position of the event that last changed it (`last_seq`), so a late or
 * repeated event never rolls it back. Columns an event has not told yet are NULL: events of different
 * topics may arrive in any order (a grant's decision before its award).
 */
export class CreateOverview1796000000021 implements MigrationInterface {
  async up(runner: QueryRunner): Promise<void> {
    const s = schemaOf(runner);
    await runner.query(`
      CREATE TABLE ${s}.overview_proposal (
        proposal_id     text        PRIMARY KEY,
        organization_id text        NOT NULL,
        community_code  text        NOT NULL,
        title           text        NOT NULL,
        need_id         text,
        amended         integer     NOT NULL DEFAULT 0 CHECK (amended >= 0),
        last_seq        bigint      NOT NULL,
        submitted_at    timestamptz NOT NULL,
        updated_at      timestamptz NOT NULL
      )`);
    await runner.query(`CREATE INDEX overview_proposal_community ON ${s}.overview_proposal (community_code)`);
    await runner.query(`
      CREATE TABLE ${s}.overview_activity (
        activity_id     text        PRIMARY KEY,
        organization_id text        NOT NULL,
        community_code  text        NOT NULL,
        completed_at    timestamptz NOT NULL
      )`);
    await runner.query(`CREATE INDEX overview_activity_community ON ${s}.overview_activity (community_code)`);
    await runner.query(`
      CREATE TABLE ${s}.overview_decision (
        decision_id    text        PRIMARY KEY,
        kind           text        NOT NULL,
        subject_id     text        NOT NULL,
        community_code text,
        title          text,
        stage          text        NOT NULL CHECK (stage IN ('voting', 'escalated', 'decided')),
        escalation_level integer,
        arbiter_id     text,
        result         text,
        decided_by     text,
        last_seq       bigint      NOT NULL,
        updated_at     timestamptz NOT NULL
      )`);
    await runner.query(`CREATE INDEX overview_decision_community ON ${s}.overview_decision (community_code)`);
    await runner.query(`
      CREATE TABLE ${s}.overview_grant (
        grant_id        text        PRIMARY KEY,
        community_code  text        NOT NULL,
        program_id      text,
        organization_id text,
        funder_id       text,
        amount_fen      bigint      CHECK (amount_fen >= 0),
        currency        text,
        title           text,
        status          text        NOT NULL CHECK (status IN ('awarded', 'approved', 'rejected')),
        decision_id     text,
        updated_at      timestamptz NOT NULL
      )`);
    await runner.query(`CREATE INDEX overview_grant_community ON ${s}.overview_grant (community_code)`);
  }

  async down(runner: QueryRunner): Promise<void> {
    const s = schemaOf(runner);
    await runner.query(
      `DROP TABLE ${s}.overview_grant, ${s}.overview_decision, ${s}.overview_activity, ${s}.overview_proposal`,
    );
  }
}
