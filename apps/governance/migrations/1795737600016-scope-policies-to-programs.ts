import type { MigrationInterface, QueryRunner } from 'typeorm';
import { schemaOf } from '@sanshe/persistence';

/**
 * A policy's scope may be a funding program (docs/decisions.md, "Program scope"): `program_id` repeats the
 * body's `programId` as a column, like the area codes, so that resolving a decision's policy (program →
 * community → street → district → default) and finding a scope's one policy stay index lookups. A policy
 * still names at most one scope. Rows stored before have none (the contract had no such field).
 */
export class ScopePoliciesToPrograms1795737600016 implements MigrationInterface {
  async up(runner: QueryRunner): Promise<void> {
    const s = schemaOf(runner);
    await runner.query(`ALTER TABLE ${s}.decision_policy ADD COLUMN program_id text`);
    await runner.query(`ALTER TABLE ${s}.decision_policy DROP CONSTRAINT decision_policy_one_scope`);
    await runner.query(`
      ALTER TABLE ${s}.decision_policy ADD CONSTRAINT decision_policy_one_scope
        CHECK (num_nonnulls(program_id, community_code, street_code, district_code) <= 1)`);
    await runner.query(
      `CREATE INDEX decision_policy_resolve_program ON ${s}.decision_policy (decision_kind, program_id, version DESC)
        WHERE program_id IS NOT NULL`,
    );
  }

  async down(runner: QueryRunner): Promise<void> {
    // Program policies would become district defaults without this column: refuse to lose them.
    const s = schemaOf(runner);
    const scoped: { n: string }[] = await runner.query(
      `SELECT count(*) AS n FROM ${s}.decision_policy WHERE program_id IS NOT NULL`,
    );
    if (Number(scoped[0]?.n ?? 0) > 0) {
      throw new Error(`${scoped[0]?.n} program policy versions exist: remove them before reverting`);
    }
    await runner.query(`ALTER TABLE ${s}.decision_policy DROP CONSTRAINT decision_policy_one_scope`);
    await runner.query(`ALTER TABLE ${s}.decision_policy DROP COLUMN program_id`);
    await runner.query(`
      ALTER TABLE ${s}.decision_policy ADD CONSTRAINT decision_policy_one_scope
        CHECK (num_nonnulls(community_code, street_code, district_code) <= 1)`);
  }
}
