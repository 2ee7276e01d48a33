import type { DecisionPolicyInput } from '@sanshe/contracts';
import type { DemoContext } from '../context';
import type { Stage } from '../stage';
import { funderAdmin } from './money-parties';
import { auditor } from './money-reads';

/** Seconds as a policy's hours (a policy's windows are at least 1 s: docs/decisions.md, "Policies"). */
const hours = (seconds: number) => seconds / 3600;

/** The award's funder seat: the district's fund, for which funding votes by each program's rules. */
export const AWARD_FUNDER_SEAT = 'funder:district-civil-affairs-fund';

export interface MoneyWindows {
  /** How long each seat has to vote, from the round's opening. */
  voteSeconds: number;
  /** The arbiter's deadline once a decision escalated. */
  arbiterSeconds: number;
}

/**
 * The two decisions a program's money goes through, scoped to the program (ahead of any area's policy):
 *
 * - `grant-award`: the community's committee, the district's civil-affairs fund and its social workers, 1 each,
 *   quorum 2 — any two approve, none alone, and no seat's silence blocks the other two. Not the program's own
 *   funder: it proposes the award (grant.awarded), and a proposer's seat is recused, which would leave the
 *   committee approving alone. Funding votes the fund's seat by the program's rules (apps/funding/README.md).
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
        seat(AWARD_FUNDER_SEAT, 'funder', 'District civil-affairs welfare fund (区民政福利基金)'),
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

/** What PUT /programs/{programId} takes (funding's ProgramBody): the program as the funder's admin reads it. */
const PROGRAM_FIELDS = [
  ...['funderId', 'funderKind', 'coFunders', 'title', 'mode', 'category', 'budget', 'period', 'districtCode'],
  ...['eligibility', 'tranchePlan', 'indicators', 'noticeWorkingDays', 'votingMode', 'autoAward'],
] as const;

/** A policy as a program carries it (`policies.award` / `.verify`): its rules, without id, kind or scope. */
export function asProgramRules({ policyId, decisionKind, programId, communityCode, ...rules }: DecisionPolicyInput) {
  void [policyId, decisionKind, programId, communityCode];
  return rules;
}

/**
 * Each program's funder gives it its award and verification policies (PUT /programs/{programId} with
 * `policies`, the program otherwise as it stands): funding publishes program.updated, and governance stores them
 * as `program.<programId>.grant-award` / `.milestone-verification`, created by the funder — before any proposal
 * asking the programs for money is decided. Waits until governance lists both.
 */
export const moneyPoliciesStage: Stage = {
  name: 'the programs’ award and milestone-verification policies (windows of seconds)',
  file: 'money/money-policies.ts',
  async run(ctx: DemoContext) {
    const programs = Object.entries(ctx.ids.programs);
    if (programs.length === 0) throw new Error('no funding program in the run: the programs stage opened none');
    const arbiterId = streetArbiter(ctx.ids.streetOffices);
    const windows = { voteSeconds: ctx.seconds(120, 300), arbiterSeconds: ctx.seconds(60, 120) };
    await Promise.all(programs.map(([name, programId]) => setPolicies(ctx, name, programId, arbiterId, windows)));
  },
};

async function setPolicies(
  ctx: DemoContext,
  name: string,
  programId: string,
  arbiterId: string,
  windows: MoneyWindows,
) {
  const funderId = ctx.ids.funders[name];
  if (!funderId) throw new Error(`program ${name} (${programId}) has no funder in the run's ids`);
  const token = await funderAdmin(ctx, funderId);
  const program = (await ctx.api.funding.expect('GET', `/programs/${programId}`, token)).body as Record<
    string,
    unknown
  >;
  const [award, verify] = programPolicies(programId, funderId, arbiterId, windows);
  const body = Object.fromEntries(
    PROGRAM_FIELDS.filter((f) => program[f] !== undefined && program[f] !== null).map((f) => [f, program[f]]),
  );
  const policies = { award: award && asProgramRules(award), verify: verify && asProgramRules(verify) };
  await ctx.api.funding.expect('PUT', `/programs/${programId}`, token, { ...body, policies }, [200]);
  const reader = await auditor(ctx);
  await ctx.waitFor(
    `governance storing ${programId}'s policies`,
    async () => {
      const { body: listed } = await ctx.api.governance.expect('GET', `/policies?programId=${programId}`, reader);
      const kinds = new Set((listed as { decisionKind: string }[]).map((p) => p.decisionKind));
      return kinds.has('grant-award') && kinds.has('milestone-verification') ? kinds : undefined;
    },
    () =>
      `governance lists no grant-award and milestone-verification policy of ${programId} (program.updated not heard, or refused: see its dead letters)`,
  );
  for (const policy of [award, verify]) {
    ctx.progress.say(
      `${funderId} sets program.${programId}.${policy?.decisionKind}: quorum ${policy?.quorum}, votes within ${windows.voteSeconds} s`,
    );
  }
}
