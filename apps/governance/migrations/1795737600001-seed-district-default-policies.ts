import type { MigrationInterface, QueryRunner } from 'typeorm';
import type { DecisionOutcome, DecisionPolicyInput } from '@sanshe/contracts';
import { schemaOf } from '@sanshe/persistence';

/** Who created the seeded rows (decision_policy.created_by); `down` removes only these. */
export const DISTRICT_DEFAULTS_CREATED_BY = 'migration:SeedDistrictDefaultPolicies1795737600001';

/**
 * The district-wide defaults (community_code NULL): what a decision uses in a community that has no
 * policy of its own. The seats are district-level bodies, since no single community's parties can sit
 * on a district-wide policy. Weights 2·2·1·2·1 = 8 with quorum 5: no seat reaches 5 alone (no single
 * approval), every seat's absence leaves at least 6 ≥ 5 (no single veto), and even two of the
 * weight-2 seats together (4) cannot decide without a third party.
 *
 * This data is frozen with the migration (a migration must mean the same thing forever); later changes
 * are new versions set over the HTTP API.
 */
function districtDefault(decisionKind: string, title: string, finalDefault: DecisionOutcome): DecisionPolicyInput {
  return {
    policyId: `${decisionKind}.district`,
    decisionKind,
    communityCode: null,
    title,
    parties: [
      {
        partyId: 'community:district-committee',
        kind: 'community',
        title: "District joint committee of residents' committees (区居委会联席会)",
        weight: 2,
        voteWindowHours: 168,
      },
      {
        partyId: 'residents:district-representatives',
        kind: 'residents',
        title: "District residents' representatives (区居民代表)",
        weight: 2,
        voteWindowHours: 168,
      },
      {
        partyId: 'talent:district-social-workers',
        kind: 'talent',
        title: "District social workers' pool (区社工人才库)",
        weight: 1,
        voteWindowHours: 168,
      },
      {
        partyId: 'funder:district-civil-affairs-fund',
        kind: 'funder',
        title: 'District civil-affairs welfare fund (区民政福利基金)',
        weight: 2,
        voteWindowHours: 168,
      },
      {
        partyId: 'organization:district-federation',
        kind: 'organization',
        title: 'District federation of social organizations (区社会组织联合会)',
        weight: 1,
        voteWindowHours: 168,
      },
    ],
    quorum: 5,
    deliberationHours: 72,
    maxAmendments: 2,
    escalation: [
      {
        arbiterId: 'portal:street-office',
        title: 'Street office (街道办事处)',
        deadlineHours: 72,
        defaultOutcome: 'escalate',
      },
      {
        arbiterId: 'portal:district-civil-affairs',
        title: 'District civil-affairs bureau (区民政局)',
        deadlineHours: 120,
        defaultOutcome: finalDefault,
      },
    ],
  };
}

/**
 * The last level's default when even the district bureau stays silent:
 * - activity-proposal → approved. The study's first dilemma is activities refused because they are not
 *   "administrative" enough; silence must not become that veto again, and an activity is reversible.
 * - data-access and grant-award → rejected. Residents' data once disclosed, and money once paid, cannot be
 *   taken back, so these need a positive decision (consent, and no "formalism" in spending).
 */
export const DISTRICT_DEFAULT_POLICIES: readonly DecisionPolicyInput[] = [
  districtDefault('activity-proposal', 'Activity proposals, district-wide default (社区活动提案)', 'approved'),
  districtDefault('data-access', "Access to residents' data, district-wide default (居民数据使用)", 'rejected'),
  districtDefault('grant-award', 'Grant awards, district-wide default (资助发放)', 'rejected'),
];

export class SeedDistrictDefaultPolicies1795737600001 implements MigrationInterface {
  async up(runner: QueryRunner): Promise<void> {
    for (const policy of DISTRICT_DEFAULT_POLICIES) {
      await runner.query(
        `INSERT INTO ${schemaOf(runner)}.decision_policy
           (policy_id, version, decision_kind, community_code, body, created_by)
         VALUES ($1, 1, $2, NULL, $3::jsonb, $4)`,
        [policy.policyId, policy.decisionKind, JSON.stringify(policy), DISTRICT_DEFAULTS_CREATED_BY],
      );
    }
  }

  async down(runner: QueryRunner): Promise<void> {
    // Later versions set over the API are people's decisions, not the seed's: they stay.
    await runner.query(`DELETE FROM ${schemaOf(runner)}.decision_policy WHERE created_by = $1`, [
      DISTRICT_DEFAULTS_CREATED_BY,
    ]);
  }
}
