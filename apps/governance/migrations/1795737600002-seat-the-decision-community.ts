import type { MigrationInterface, QueryRunner } from 'typeorm';
import type { DecisionPolicyInput } from '@sanshe/contracts';
import { schemaOf } from '@sanshe/persistence';
import {
  DISTRICT_DEFAULT_POLICIES,
  DISTRICT_DEFAULTS_CREATED_BY,
} from './1795737600001-seed-district-default-policies';

/** Who created the rows of this migration (decision_policy.created_by); `down` removes only these. */
export const COMMUNITY_SEATS_CREATED_BY = 'migration:SeatTheDecisionCommunity1795737600002';

/**
 * Version 2 of the district-wide defaults: the residents' committee and the residents' representatives
 * of the community a decision is about take the two community seats (`community:{communityCode}`,
 * `residents:{communityCode}`, bound when the decision opens), instead of district-level bodies that
 * would vote on every community's business. Weights, quorum, deadlines and arbiters are unchanged.
 */
export const DISTRICT_DEFAULT_POLICIES_V2: readonly DecisionPolicyInput[] = DISTRICT_DEFAULT_POLICIES.map((policy) => ({
  ...policy,
  parties: policy.parties.map((seat) => {
    if (seat.kind === 'community') {
      return {
        ...seat,
        partyId: 'community:{communityCode}',
        title: "The community's residents' committee (社区居委会)",
      };
    }
    if (seat.kind === 'residents') {
      return {
        ...seat,
        partyId: 'residents:{communityCode}',
        title: "The community's residents' representatives (居民代表)",
      };
    }
    return seat;
  }),
}));

export class SeatTheDecisionCommunity1795737600002 implements MigrationInterface {
  async up(runner: QueryRunner): Promise<void> {
    const table = `${schemaOf(runner)}.decision_policy`;
    for (const policy of DISTRICT_DEFAULT_POLICIES_V2) {
      // Only where the seeded version is still the latest: a version set since is people's decision.
      await runner.query(
        `INSERT INTO ${table} (policy_id, version, decision_kind, community_code, body, created_by)
         SELECT policy_id, version + 1, decision_kind, NULL, $2::jsonb, $3
           FROM ${table} AS latest
          WHERE policy_id = $1 AND created_by = $4
            AND version = (SELECT max(version) FROM ${table} WHERE policy_id = $1)`,
        [policy.policyId, JSON.stringify(policy), COMMUNITY_SEATS_CREATED_BY, DISTRICT_DEFAULTS_CREATED_BY],
      );
    }
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`DELETE FROM ${schemaOf(runner)}.decision_policy WHERE created_by = $1`, [
      COMMUNITY_SEATS_CREATED_BY,
    ]);
  }
}
