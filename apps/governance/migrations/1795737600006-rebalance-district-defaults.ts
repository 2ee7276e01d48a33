import type { MigrationInterface, QueryRunner } from 'typeorm';
import type { DecisionPolicyInput } from '@sanshe/contracts';
import { schemaOf } from '@sanshe/persistence';
import { appendWhereStillLatest } from './policy-versions';
import { COMMUNITY_SEATS_CREATED_BY, DISTRICT_DEFAULT_POLICIES_V2 } from './1795737600002-seat-the-decision-community';

/** Who created the rows of this migration (decision_policy.created_by); `down` removes only these. */
export const REBALANCED_CREATED_BY = 'migration:RebalanceDistrictDefaults1795737600006';

/**
 * Version 3 of the district-wide defaults. In version 2 the community service spoke for two seats
 * (community 2 + residents 2 of 8, quorum 5): objecting together they left 4 < 5, so one service could
 * reject alone. Now every seat weighs 2 (10 in all) with quorum 6: the community service's bloc (4)
 * leaves 6 ≥ 6 to the others and cannot approve alone (4 < 6); no other controller holds more than 2.
 * The residents keep an equal voice. Deadlines, deliberation and arbiters are unchanged.
 */
export const DISTRICT_DEFAULT_POLICIES_V3: readonly DecisionPolicyInput[] = DISTRICT_DEFAULT_POLICIES_V2.map(
  (policy) => ({ ...policy, quorum: 6, parties: policy.parties.map((seat) => ({ ...seat, weight: 2 })) }),
);

export class RebalanceDistrictDefaults1795737600006 implements MigrationInterface {
  async up(runner: QueryRunner): Promise<void> {
    for (const policy of DISTRICT_DEFAULT_POLICIES_V3) {
      await appendWhereStillLatest(runner, policy, REBALANCED_CREATED_BY, COMMUNITY_SEATS_CREATED_BY);
    }
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`DELETE FROM ${schemaOf(runner)}.decision_policy WHERE created_by = $1`, [
      REBALANCED_CREATED_BY,
    ]);
  }
}
