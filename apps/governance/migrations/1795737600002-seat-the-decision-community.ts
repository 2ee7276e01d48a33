import type { MigrationInterface, QueryRunner } from 'typeorm';
import type { DecisionPolicyInput } from '@sanshe/contracts';
import { schemaOf } from '@sanshe/persistence';
import { appendWhereStillLatest } from './policy-versions';
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
    for (const policy of DISTRICT_DEFAULT_POLICIES_V2) {
      await appendWhereStillLatest(runner, policy, COMMUNITY_SEATS_CREATED_BY, DISTRICT_DEFAULTS_CREATED_BY);
    }
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`DELETE FROM ${schemaOf(runner)}.decision_policy WHERE created_by = $1`, [
      COMMUNITY_SEATS_CREATED_BY,
    ]);
  }
}
