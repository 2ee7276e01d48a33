import type { MigrationInterface, QueryRunner } from 'typeorm';
import type { DecisionPolicyInput } from '@sanshe/contracts';
import { schemaOf } from '@sanshe/persistence';

/** Who created the seeded row (decision_policy.created_by); `down` removes only it. */
export const HOURS_DISPUTE_CREATED_BY = 'migration:SeedHoursDisputePolicy1795737600015';

/**
 * The district-wide default for a community's dispute of recorded hours (docs/decisions.md, "Hours
 * confirmed by two parties"): the disputing community, its street office (the social-work station) as the
 * third party, and the district's social workers, one vote each, quorum 2 of 3 — no controller can decide
 * or veto alone. The organization that recorded the hours proposes and is recused. Unsettled, it goes to
 * the district's civil-affairs bureau, whose silence lets the recorded hours stand (silence is not a veto).
 */
export const HOURS_DISPUTE_POLICY: DecisionPolicyInput = {
  policyId: 'hours-dispute.district',
  decisionKind: 'hours-dispute',
  communityCode: null,
  title: 'Disputed volunteer and social-work hours, district-wide default (服务时长争议)',
  parties: [
    {
      partyId: 'community:{communityCode}',
      kind: 'community',
      title: "The community's residents' committee (居委会)",
      weight: 1,
      voteWindowHours: 72,
    },
    {
      partyId: 'portal:street-{streetCode}',
      kind: 'portal',
      title: "The community's street office and social-work station (街道社工站)",
      weight: 1,
      voteWindowHours: 72,
    },
    {
      partyId: 'talent:district-social-workers',
      kind: 'talent',
      title: "District social workers' pool (区社工人才库)",
      weight: 1,
      voteWindowHours: 72,
    },
  ],
  quorum: 2,
  deliberationHours: 24,
  maxAmendments: 0,
  escalation: [
    {
      arbiterId: 'portal:civil-affairs-{districtCode}',
      title: 'District civil-affairs bureau (区民政局)',
      deadlineHours: 120,
      defaultOutcome: 'approved',
    },
  ],
};

export class SeedHoursDisputePolicy1795737600015 implements MigrationInterface {
  async up(runner: QueryRunner): Promise<void> {
    const policy = HOURS_DISPUTE_POLICY;
    await runner.query(
      `INSERT INTO ${schemaOf(runner)}.decision_policy
         (policy_id, version, decision_kind, community_code, body, created_by)
       VALUES ($1, 1, $2, NULL, $3::jsonb, $4)`,
      [policy.policyId, policy.decisionKind, JSON.stringify(policy), HOURS_DISPUTE_CREATED_BY],
    );
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`DELETE FROM ${schemaOf(runner)}.decision_policy WHERE created_by = $1`, [
      HOURS_DISPUTE_CREATED_BY,
    ]);
  }
}
