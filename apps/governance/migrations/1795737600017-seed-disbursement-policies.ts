import type { MigrationInterface, QueryRunner } from 'typeorm';
import type { DecisionOutcome, DecisionPolicyInput, EscalationStep, PartySeat } from '@sanshe/contracts';
import { schemaOf } from '@sanshe/persistence';

/** Who created the seeded rows (decision_policy.created_by); `down` removes only these. */
export const DISBURSEMENT_DEFAULTS_CREATED_BY = 'migration:SeedDisbursementPolicies1795737600017';

/**
 * The district-wide defaults for the three decisions of a grant's disbursement (docs/decisions.md, "Grant
 * disbursement defaults"); a program's own `program.<programId>.milestone-verification` comes first. Frozen
 * with the migration; later changes are new versions set over the HTTP API.
 */

const seat = (partyId: string, kind: string, title: string, weight: number, voteWindowHours: number): PartySeat => ({
  partyId,
  kind,
  title,
  weight,
  voteWindowHours,
});

/** The community's two seats: one bloc, since the community service speaks for both. */
const communitySeats = (voteWindowHours: number): PartySeat[] => [
  seat(
    'community:{communityCode}',
    'community',
    "The community's residents' committee (社区居委会)",
    1,
    voteWindowHours,
  ),
  seat(
    'residents:{communityCode}',
    'residents',
    "The community's residents' representatives (居民代表)",
    1,
    voteWindowHours,
  ),
];

/** Its street's office, then its district's civil-affairs bureau, whose silence is `finalDefault`. */
const escalationTo = (finalDefault: DecisionOutcome): EscalationStep[] => [
  {
    arbiterId: 'portal:street-{streetCode}',
    title: "The community's street office (街道办事处)",
    deadlineHours: 72,
    defaultOutcome: 'escalate',
  },
  {
    arbiterId: 'portal:civil-affairs-{districtCode}',
    title: "The district's civil-affairs bureau (区民政局)",
    deadlineHours: 120,
    defaultOutcome: finalDefault,
  },
];

/**
 * Verifying a tranche's milestone. Controllers: community 1 + 1 = 2 (residents:* is the community
 * service's), talent 1, funding 2; total 5, quorum 3. No controller blocks alone (without community or
 * funding 3 ≥ 3 remain, without talent 4) nor approves alone (2 < 3). The funder weighs 2 because with
 * weight 1 (total 4) the community's bloc of 2 would need quorum ≤ 2 not to block and ≥ 3 not to approve.
 * The bureau's silence approves: the grant was awarded by a decision, the evidence is in, and the public
 * notice that follows still lets any seated party or portal object before money moves — silence must not
 * hold an organization's earned tranche hostage.
 */
export const MILESTONE_VERIFICATION_POLICY: DecisionPolicyInput = {
  policyId: 'milestone-verification.district',
  decisionKind: 'milestone-verification',
  communityCode: null,
  title: 'Milestone verification before a tranche is paid, district-wide default (里程碑核验)',
  parties: [
    ...communitySeats(72),
    seat(
      'talent:independent-assessor',
      'talent',
      'An independent assessor: a certified worker with no tie to the organization, bound by talent (独立评估人)',
      1,
      72,
    ),
    seat('funder:district-civil-affairs-fund', 'funder', 'District civil-affairs welfare fund (区民政福利基金)', 2, 72),
  ],
  quorum: 3,
  deliberationHours: 24,
  maxAmendments: 0, // new evidence comes through the disbursement's remediation, not an amendment
  escalation: escalationTo('approved'),
};

/**
 * Stopping a grant or taking money back. Controllers: community 2, talent 1, funding 1, organization 1
 * (the district federation speaks for the organizations' side); total 5, quorum 3. No controller blocks
 * alone (5 − 2 = 3 ≥ 3) nor approves alone (2 < 3). Longer windows than a verification: nothing is
 * waiting to be paid. The bureau's silence rejects (see each policy's comment).
 */
const compensationDefault = (decisionKind: string, title: string): DecisionPolicyInput => ({
  policyId: `${decisionKind}.district`,
  decisionKind,
  communityCode: null,
  title,
  parties: [
    ...communitySeats(168),
    seat('talent:district-social-workers', 'talent', "District social workers' pool (区社工人才库)", 1, 168),
    seat(
      'funder:district-civil-affairs-fund',
      'funder',
      'District civil-affairs welfare fund (区民政福利基金)',
      1,
      168,
    ),
    seat(
      'organization:district-federation',
      'organization',
      'District federation of social organizations (区社会组织联合会)',
      1,
      168,
    ),
  ],
  quorum: 3,
  deliberationHours: 72,
  maxAmendments: 0,
  escalation: escalationTo('rejected'),
});

/**
 * Silence keeps the grant: it was awarded by a multi-party decision, and a funder's request (or the
 * organization's deregistration) followed by everyone's silence would undo it on one party's say. Tranches
 * still pay only after their own verification and notice.
 */
export const GRANT_CANCELLATION_POLICY = compensationDefault(
  'grant-cancellation',
  'Cancelling a grant, district-wide default (终止资助)',
);

/**
 * Silence keeps the money where it is: the tranche was paid after a verification and a public notice, and
 * taking it back on one party's claim plus silence would let that party do it alone — and could break the
 * organization's funding chain.
 */
export const GRANT_CLAWBACK_POLICY = compensationDefault(
  'grant-clawback',
  'Clawing back a paid tranche, district-wide default (追回资助)',
);

export const DISBURSEMENT_DEFAULT_POLICIES: readonly DecisionPolicyInput[] = [
  MILESTONE_VERIFICATION_POLICY,
  GRANT_CANCELLATION_POLICY,
  GRANT_CLAWBACK_POLICY,
];

export class SeedDisbursementPolicies1795737600017 implements MigrationInterface {
  async up(runner: QueryRunner): Promise<void> {
    for (const policy of DISBURSEMENT_DEFAULT_POLICIES) {
      await runner.query(
        `INSERT INTO ${schemaOf(runner)}.decision_policy
           (policy_id, version, decision_kind, community_code, body, created_by)
         VALUES ($1, 1, $2, NULL, $3::jsonb, $4)`,
        [policy.policyId, policy.decisionKind, JSON.stringify(policy), DISBURSEMENT_DEFAULTS_CREATED_BY],
      );
    }
  }

  async down(runner: QueryRunner): Promise<void> {
    // Later versions set over the API are people's decisions, not the seed's: they stay.
    await runner.query(`DELETE FROM ${schemaOf(runner)}.decision_policy WHERE created_by = $1`, [
      DISBURSEMENT_DEFAULTS_CREATED_BY,
    ]);
  }
}
