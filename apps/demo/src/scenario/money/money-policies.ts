import type { DecisionPolicyInput } from '@sanshe/contracts';
import type { DemoContext } from '../context';
import type { Stage } from '../stage';
import { policyAdmin } from './money-parties';

/** Seconds as a policy's hours (a policy's windows are at least 1 s: docs/decisions.md, "Policies"). */
const hours = (seconds: number) => seconds / 3600;

export interface MoneyWindows {
  /** How long each seat has to vote, from the round's opening. */
  voteSeconds: number;
  /** The arbiter's deadline once a decision escalated. */
  arbiterSeconds: number;
}

/**
 * The two decisions a program's money goes through, scoped to the program (ahead of any area's policy):
 *
 * - `grant-award`: the community's committee, the program's funder and the district's social workers, 1 each,
 *   quorum 2 — any two approve, none alone, and no seat's silence blocks the other two.
 * - `milestone-verification`: as the district's default (docs/decisions.md, "Grant disbursement defaults"): the
 *   community's two seats (one controller, a bloc of 2), the independent assessor 1, the funder 2, quorum 3.
 *
 * Windows of seconds so that the run reaches its payments; the street office of the decision's own street
 * arbitrates, its silence rejecting an award and approving a verification (silence must not hold earned money).
 */
export function programPolicies(
  programId: string,
  funderId: string,
  arbiterId: string,
  windows: MoneyWindows,
): DecisionPolicyInput[] {
  const seat = (partyId: string, kind: string, title: string, weight = 1) => ({
    ...{ partyId, kind, title, weight },
    voteWindowHours: hours(windows.voteSeconds),
  });
  const common = {
    ...{ communityCode: null, programId, maxAmendments: 0 },
    deliberationHours: hours(windows.voteSeconds),
  };
  const arbiter = (defaultOutcome: 'approved' | 'rejected') => [
    { arbiterId, title: 'Street office (街道办事处)', deadlineHours: hours(windows.arbiterSeconds), defaultOutcome },
  ];
  return [
    {
      ...common,
      policyId: `program.${programId}.grant-award`,
      decisionKind: 'grant-award',
      title: `资助评审（演示）${programId}`.slice(0, 200),
      parties: [
        seat('community:{communityCode}', 'community', "Residents' committee (居委会)"),
        seat(funderId, 'funder', 'The program’s funder (资助方)'),
        seat('talent:district-social-workers', 'talent', "District social workers' pool (区社工人才库)"),
      ],
      quorum: 2,
      escalation: arbiter('rejected'),
    },
    {
      ...common,
      policyId: `program.${programId}.milestone-verification`,
      decisionKind: 'milestone-verification',
      title: `里程碑核验（演示）${programId}`.slice(0, 200),
      parties: [
        seat('community:{communityCode}', 'community', "Residents' committee (居委会)"),
        seat('residents:{communityCode}', 'residents', "Residents' representatives (居民代表)"),
        seat('talent:independent-assessor', 'talent', 'Independent assessor (独立评估社工)'),
        seat(funderId, 'funder', 'The program’s funder (资助方)', 2),
      ],
      quorum: 3,
      escalation: arbiter('approved'),
    },
  ];
}

/** The street office arbitrates: `portal:street-{streetCode}` when the run named its offices so, else the first. */
export function streetArbiter(streetOffices: Record<string, string>): string {
  const entries = Object.entries(streetOffices);
  if (entries.length === 0) throw new Error('no street office registered: the seeding stages name none');
  if (entries.every(([street, portalId]) => portalId === `street-${street}`)) return 'portal:street-{streetCode}';
  return `portal:${entries[0]?.[1]}`;
}

/**
 * Sets each program's award and verification policies through governance's API (PUT /policies/{policyId},
 * the district's policy-admin), before any proposal asking the programs for money is decided.
 */
export const moneyPoliciesStage: Stage = {
  name: 'the programs’ award and milestone-verification policies (windows of seconds)',
  file: 'money/money-policies.ts',
  async run(ctx: DemoContext) {
    const programs = Object.entries(ctx.ids.programs);
    if (programs.length === 0) throw new Error('no funding program in the run: the programs stage opened none');
    const token = await policyAdmin(ctx, ctx.ids.districtCode);
    const arbiterId = streetArbiter(ctx.ids.streetOffices);
    const windows = { voteSeconds: ctx.seconds(120, 300), arbiterSeconds: ctx.seconds(60, 120) };
    for (const [name, programId] of programs) {
      const funderId = ctx.ids.funders[name];
      if (!funderId) throw new Error(`program ${name} (${programId}) has no funder in the run's ids`);
      for (const policy of programPolicies(programId, funderId, arbiterId, windows)) {
        await ctx.api.governance.expect('PUT', `/policies/${policy.policyId}`, token, policy, [200, 201]);
        ctx.progress.say(`policy ${policy.policyId}: ${policy.decisionKind}, quorum ${policy.quorum}`);
      }
    }
  },
};
