import type { DecisionPolicyInput } from '@sanshe/contracts';
import type { DemoContext } from '../context';
import { districtPolicyAdmin, operator } from '../parties';
import type { Stage } from '../stage';

/** A policy's windows are hours; the demo's are seconds (down to 1 s: docs/decisions.md, "Policies"). */
const hours = (seconds: number) => seconds / 3600;

/** The seats every activity of the run's district is decided by (ctx.ids keys in docs/demo.md). */
export const talentParty = (ctx: DemoContext) => `talent:social-workers-${ctx.runId}`;
export const peerParty = (ctx: DemoContext) => `organization:${ctx.ids.organizations.federation}`;
export const welfareFundParty = (ctx: DemoContext) => `funder:civil-affairs-${ctx.runId}`;

/**
 * The run district's `activity-proposal` policy: the community's committee, the district's social workers
 * (talent votes by its staffing rules), the welfare fund (funding votes by its program rules) and the
 * federation of social organizations, 2 each, quorum 5 of 8 — three seats approve, none blocks or approves
 * alone; a 4 : 2 with an abstention neither approves nor rejects, and escalates to the office of the
 * decision's own street. Windows of seconds: votes within minutes, deliberation long enough to amend in.
 */
export function activityPolicy(ctx: DemoContext): DecisionPolicyInput {
  const vote = hours(ctx.seconds(120, 600));
  const seat = (partyId: string, kind: string, title: string) => ({
    ...{ partyId, kind, title, weight: 2 },
    voteWindowHours: vote,
  });
  return {
    policyId: `activity-proposal.demo-${ctx.ids.districtCode}`,
    decisionKind: 'activity-proposal',
    communityCode: null,
    districtCode: ctx.ids.districtCode,
    title: `演示区活动方案决策（${ctx.runId}）`,
    parties: [
      seat('community:{communityCode}', 'community', '居委会 (the community’s committee)'),
      seat(talentParty(ctx), 'talent', '区社工人才库 (the district’s social workers)'),
      seat(welfareFundParty(ctx), 'funder', '区民政福利资金 (the district welfare fund)'),
      seat(peerParty(ctx), 'organization', '区社会组织联合会 (the federation of social organizations)'),
    ],
    quorum: 5,
    deliberationHours: hours(ctx.seconds(10, 30)),
    maxAmendments: 1,
    escalation: [
      {
        arbiterId: 'portal:street-{streetCode}',
        title: '街道办事处 (the street office)',
        deadlineHours: hours(ctx.seconds(120, 600)),
        defaultOutcome: 'rejected',
      },
    ],
  };
}

/**
 * Step 0: each street's office registered as a portal (governance's operator: its topics and ACLs made, its
 * commands heard without a restart), and the run district's activity policy (its policy administrator).
 */
export const streetOfficesStage: Stage = {
  name: 'the street offices (portals) and the activity policy of the run’s district',
  file: 'seed/street-offices.ts',
  async run(ctx) {
    const token = await operator(ctx);
    for (const streetCode of ctx.ids.streets) {
      const portalId = `street-${streetCode}`;
      await ctx.api.governance.expect('POST', '/portals', token, {
        ...{ portalId, name: `${streetCode} 街道办事处（演示）`, kind: 'street-office' },
        ...{ jurisdiction: [streetCode], kafkaPrincipal: `User:portal-${portalId}` },
      });
      ctx.ids.streetOffices[streetCode] = portalId;
      ctx.preparePortal(portalId);
      ctx.progress.say(`portal ${portalId} registered: it arbitrates its street’s escalated decisions`);
    }
    const policy = activityPolicy(ctx);
    const admin = await districtPolicyAdmin(ctx);
    await ctx.api.governance.expect('PUT', `/policies/${policy.policyId}`, admin, policy, [200, 201]);
    ctx.progress.say(
      `policy ${policy.policyId}: ${policy.parties.map((p) => p.partyId).join(', ')}; quorum ${policy.quorum} of 8, ` +
        `deliberation ${ctx.seconds(10, 30)} s, then portal:street-{streetCode}`,
    );
  },
};
