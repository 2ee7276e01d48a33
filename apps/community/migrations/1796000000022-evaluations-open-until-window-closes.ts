import type { MigrationInterface, QueryRunner } from 'typeorm';
import { schemaOf } from '@sanshe/persistence';

/**
 * Evaluation ends when the window closes, not when the fourth dimension arrives: an open activity may
 * carry a provisional score, 'scored' becomes 'final' (set only by the window's close), and the
 * organization's rating counts every activity with a score. The rating gains the revision its
 * rating.updated events carry; a rating from before had one event per scored activity, hence
 * revision = activities.
 */
export class EvaluationsOpenUntilWindowCloses1796000000022 implements MigrationInterface {
  async up(runner: QueryRunner): Promise<void> {
    const s = schemaOf(runner);
    await runner.query(`
      ALTER TABLE ${s}.evaluated_activity
        DROP CONSTRAINT evaluated_activity_score_iff_scored,
        DROP CONSTRAINT evaluated_activity_status_check`);
    await runner.query(`UPDATE ${s}.evaluated_activity SET status = 'final' WHERE status = 'scored'`);
    await runner.query(`
      ALTER TABLE ${s}.evaluated_activity
        ADD CONSTRAINT evaluated_activity_status_check CHECK (status IN ('open', 'final', 'unscored')),
        ADD CONSTRAINT evaluated_activity_final_has_score CHECK (status <> 'final' OR score IS NOT NULL),
        ADD CONSTRAINT evaluated_activity_unscored_has_none CHECK (status <> 'unscored' OR score IS NULL)`);
    // The rating's lookup: every activity of the organization with a score, provisional or final.
    await runner.query(`DROP INDEX ${s}.evaluated_activity_scored_by_org`);
    await runner.query(
      `CREATE INDEX evaluated_activity_scored_by_org ON ${s}.evaluated_activity (organization_id) WHERE score IS NOT NULL`,
    );
    await runner.query(`ALTER TABLE ${s}.organization_rating ADD COLUMN revision integer CHECK (revision >= 1)`);
    await runner.query(`UPDATE ${s}.organization_rating SET revision = activities`);
    await runner.query(`ALTER TABLE ${s}.organization_rating ALTER COLUMN revision SET NOT NULL`);
  }

  /** Back to scoring once: provisional scores are dropped (the old schema had none). */
  async down(runner: QueryRunner): Promise<void> {
    const s = schemaOf(runner);
    await runner.query(`ALTER TABLE ${s}.organization_rating DROP COLUMN revision`);
    await runner.query(`
      ALTER TABLE ${s}.evaluated_activity
        DROP CONSTRAINT evaluated_activity_status_check,
        DROP CONSTRAINT evaluated_activity_final_has_score,
        DROP CONSTRAINT evaluated_activity_unscored_has_none`);
    await runner.query(`UPDATE ${s}.evaluated_activity SET score = NULL WHERE status = 'open'`);
    await runner.query(`UPDATE ${s}.evaluated_activity SET status = 'scored' WHERE status = 'final'`);
    await runner.query(`
      ALTER TABLE ${s}.evaluated_activity
        ADD CONSTRAINT evaluated_activity_status_check CHECK (status IN ('open', 'scored', 'unscored')),
        ADD CONSTRAINT evaluated_activity_score_iff_scored CHECK ((status = 'scored') = (score IS NOT NULL))`);
    await runner.query(`DROP INDEX ${s}.evaluated_activity_scored_by_org`);
    await runner.query(
      `CREATE INDEX evaluated_activity_scored_by_org ON ${s}.evaluated_activity (organization_id) WHERE status = 'scored'`,
    );
  }
}
