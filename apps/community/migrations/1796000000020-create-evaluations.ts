import type { MigrationInterface, QueryRunner } from 'typeorm';
import { schemaOf } from '@sanshe/persistence';

/**
 * Evaluation on the whole of the service: each community's weights (the CHECKs repeat the rule of
 * evaluations/domain/evaluation-weights.ts, so no write can store weights that let efficiency dominate),
 * each completed activity with the weights and need size pinned when it completed, the evaluations of
 * it (one per resident, one by the committee, one per peer organization: UNIQUE), and each
 * organization's rating.
 */
export class CreateEvaluations1796000000020 implements MigrationInterface {
  async up(runner: QueryRunner): Promise<void> {
    const s = schemaOf(runner);
    await runner.query(`
      CREATE TABLE ${s}.evaluation_weights (
        community_code text        PRIMARY KEY,
        reach          integer     NOT NULL CHECK (reach BETWEEN 0 AND 100),
        satisfaction   integer     NOT NULL CHECK (satisfaction BETWEEN 0 AND 100),
        outcome        integer     NOT NULL CHECK (outcome BETWEEN 0 AND 100),
        efficiency     integer     NOT NULL CHECK (efficiency BETWEEN 0 AND 100),
        updated_by     text        NOT NULL,
        updated_at     timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT evaluation_weights_sum_positive CHECK (reach + satisfaction + outcome + efficiency > 0),
        CONSTRAINT evaluation_weights_efficiency_never_outweighs
          CHECK (efficiency <= reach AND efficiency <= satisfaction AND efficiency <= outcome),
        CONSTRAINT evaluation_weights_efficiency_at_most_a_quarter
          CHECK (4 * efficiency <= reach + satisfaction + outcome + efficiency)
      )`);
    await this.createActivityTables(runner, s);
  }

  /** Completed activities, their evaluations (one per evaluator) and the organizations' ratings. */
  private async createActivityTables(runner: QueryRunner, s: string): Promise<void> {
    await runner.query(`
      CREATE TABLE ${s}.evaluated_activity (
        activity_id      text         PRIMARY KEY,
        proposal_id      text         NOT NULL,
        organization_id  text         NOT NULL,
        community_code   text         NOT NULL,
        need_id          text,
        expected_size    integer      CHECK (expected_size > 0),
        attendance       integer      NOT NULL CHECK (attendance >= 0),
        participant_ids  text[],
        completed_at     timestamptz  NOT NULL,
        window_closes_at timestamptz  NOT NULL,
        weights          jsonb        NOT NULL,
        status           text         NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'scored', 'unscored')),
        score            numeric(4,2) CHECK (score BETWEEN 0 AND 5),
        scored_at        timestamptz,
        CONSTRAINT evaluated_activity_score_iff_scored CHECK ((status = 'scored') = (score IS NOT NULL))
      )`);
    // The sweeper's lookup: open activities whose window has closed.
    await runner.query(
      `CREATE INDEX evaluated_activity_open_window ON ${s}.evaluated_activity (window_closes_at) WHERE status = 'open'`,
    );
    await runner.query(
      `CREATE INDEX evaluated_activity_scored_by_org ON ${s}.evaluated_activity (organization_id) WHERE status = 'scored'`,
    );
    await runner.query(`
      CREATE TABLE ${s}.evaluation (
        evaluation_id  text        PRIMARY KEY,
        activity_id    text        NOT NULL REFERENCES ${s}.evaluated_activity (activity_id),
        evaluator_kind text        NOT NULL CHECK (evaluator_kind IN ('resident', 'committee', 'peer')),
        evaluator_ref  text        NOT NULL,
        scores         jsonb       NOT NULL,
        comment        text        CHECK (length(comment) <= 2000),
        evaluated_by   text        NOT NULL,
        created_at     timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT evaluation_once_per_evaluator UNIQUE (activity_id, evaluator_kind, evaluator_ref)
      )`);
    await runner.query(`
      CREATE TABLE ${s}.organization_rating (
        organization_id text         PRIMARY KEY,
        score           numeric(4,2) NOT NULL CHECK (score BETWEEN 0 AND 5),
        activities      integer      NOT NULL CHECK (activities >= 1),
        updated_at      timestamptz  NOT NULL DEFAULT now()
      )`);
  }

  async down(runner: QueryRunner): Promise<void> {
    const s = schemaOf(runner);
    await runner.query(
      `DROP TABLE ${s}.organization_rating, ${s}.evaluation, ${s}.evaluated_activity, ${s}.evaluation_weights`,
    );
  }
}
