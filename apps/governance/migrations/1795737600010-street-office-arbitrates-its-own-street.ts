import type { MigrationInterface, QueryRunner } from 'typeorm';
import type { DecisionPolicyInput } from '@sanshe/contracts';
import { schemaOf } from '@sanshe/persistence';
import { appendWhereStillLatest } from './policy-versions';
import { DISTRICT_DEFAULT_POLICIES_V3, REBALANCED_CREATED_BY } from './1795737600006-rebalance-district-defaults';

/** Who created the rows of this migration (decision_policy.created_by); `down` removes only these. */
export const STREET_ARBITERS_CREATED_BY = 'migration:StreetOfficeArbitratesItsOwnStreet1795737600010';

/**
 * Version 4 of the district-wide defaults: the arbiters are the office of the decision's own street,
 * `portal:street-{streetCode}`, then the civil-affairs bureau of its district,
 * `portal:civil-affairs-{districtCode}`, bound when the decision opens (docs/decisions.md, "Policies").
 * Versions 1–3 named `portal:street-office` and `portal:district-civil-affairs`: one office for every
 * street, which no deployment ever heard. Seats, weights, quorum, deadlines and each level's default
 * (the bureau's: approve an activity, reject data access and grants) are unchanged. A decision in a
 * community whose street and district governance cannot tell is refused, naming the placeholders.
 */
export const DISTRICT_DEFAULT_POLICIES_V4: readonly DecisionPolicyInput[] = DISTRICT_DEFAULT_POLICIES_V3.map(
  (policy) => {
    const [street, district] = policy.escalation;
    if (!street || !district) throw new Error(`${policy.policyId} v3 has two escalation levels`);
    return {
      ...policy,
      escalation: [
        { ...street, arbiterId: 'portal:street-{streetCode}', title: "The community's street office (街道办事处)" },
        {
          ...district,
          arbiterId: 'portal:civil-affairs-{districtCode}',
          title: "The district's civil-affairs bureau (区民政局)",
        },
      ],
    };
  },
);

export class StreetOfficeArbitratesItsOwnStreet1795737600010 implements MigrationInterface {
  async up(runner: QueryRunner): Promise<void> {
    for (const policy of DISTRICT_DEFAULT_POLICIES_V4) {
      await appendWhereStillLatest(runner, policy, STREET_ARBITERS_CREATED_BY, REBALANCED_CREATED_BY);
    }
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`DELETE FROM ${schemaOf(runner)}.decision_policy WHERE created_by = $1`, [
      STREET_ARBITERS_CREATED_BY,
    ]);
  }
}
