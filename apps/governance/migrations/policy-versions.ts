import type { QueryRunner } from 'typeorm';
import type { DecisionPolicyInput } from '@sanshe/contracts';
import { schemaOf } from '@sanshe/persistence';

/**
 * For the migrations that revise the seeded defaults: stores `policy` as the next version of its id,
 * only where the latest version is still the one `previousCreatedBy` wrote — a version set since over
 * the API is people's decision, and a migration must not override it.
 */
export async function appendWhereStillLatest(
  runner: QueryRunner,
  policy: DecisionPolicyInput,
  createdBy: string,
  previousCreatedBy: string,
): Promise<void> {
  const table = `${schemaOf(runner)}.decision_policy`;
  await runner.query(
    `INSERT INTO ${table} (policy_id, version, decision_kind, community_code, body, created_by)
     SELECT policy_id, version + 1, decision_kind, NULL, $2::jsonb, $3
       FROM ${table} AS latest
      WHERE policy_id = $1 AND created_by = $4
        AND version = (SELECT max(version) FROM ${table} WHERE policy_id = $1)`,
    [policy.policyId, JSON.stringify(policy), createdBy, previousCreatedBy],
  );
}
