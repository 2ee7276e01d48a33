import type { MigrationInterface, QueryRunner } from 'typeorm';
import { schemaOf } from '@sanshe/persistence';

/**
 * A policy's scope may be a street or a district, not only a community or the default
 * (docs/decisions.md, "Policies"): `street_code` and `district_code` repeat the body's `streetCode` and
 * `districtCode` as columns, like `community_code`, so that resolving a decision's policy
 * (community → street → district → default) and finding a scope's one policy stay index lookups.
 * Rows stored before have neither (their bodies cannot: the contract had no such fields).
 */
export class ScopePoliciesToStreetsAndDistricts1795737600011 implements MigrationInterface {
  async up(runner: QueryRunner): Promise<void> {
    const s = schemaOf(runner);
    await runner.query(`ALTER TABLE ${s}.decision_policy ADD COLUMN street_code text, ADD COLUMN district_code text`);
    await runner.query(`
      ALTER TABLE ${s}.decision_policy ADD CONSTRAINT decision_policy_one_scope
        CHECK (num_nonnulls(community_code, street_code, district_code) <= 1)`);
    await runner.query(
      `CREATE INDEX decision_policy_resolve_street ON ${s}.decision_policy (decision_kind, street_code, version DESC)
        WHERE street_code IS NOT NULL`,
    );
    await runner.query(
      `CREATE INDEX decision_policy_resolve_district ON ${s}.decision_policy (decision_kind, district_code, version DESC)
        WHERE district_code IS NOT NULL`,
    );
  }

  async down(runner: QueryRunner): Promise<void> {
    // Street and district policies cannot be told apart from the default without these columns: refuse to lose them.
    const s = schemaOf(runner);
    const scoped: { n: string }[] = await runner.query(
      `SELECT count(*) AS n FROM ${s}.decision_policy WHERE street_code IS NOT NULL OR district_code IS NOT NULL`,
    );
    if (Number(scoped[0]?.n ?? 0) > 0) {
      throw new Error(`${scoped[0]?.n} street or district policy versions exist: remove them before reverting`);
    }
    await runner.query(`ALTER TABLE ${s}.decision_policy DROP COLUMN street_code, DROP COLUMN district_code`);
  }
}
