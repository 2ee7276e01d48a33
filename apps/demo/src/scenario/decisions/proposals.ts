import type { DemoContext } from '../context';
import { orgAdmin } from '../parties';
import type { Stage } from '../stage';
import { ACTIVITIES, type DemoActivity } from './activities';
import { decisionIdOf, proposalReaches } from './decision-reads';

/** Two sessions from tomorrow, 09:30–11:00 in Shanghai: a proposal needs a schedule to be submitted or filed. */
export function comingSessions(now = Date.now()) {
  const day = (n: number) => new Date(now + n * 86_400_000).toISOString().slice(0, 10);
  const session = (n: number) => ({ startsAt: `${day(n)}T01:30:00.000Z`, endsAt: `${day(n)}T03:00:00.000Z` });
  return { kind: 'one-off', timeZone: 'Asia/Shanghai', sessions: [session(1), session(8)] };
}

/** A draft of the activity's proposal (organization service, its admin), answering its need. */
export async function draftProposal(ctx: DemoContext, activity: DemoActivity): Promise<string> {
  const organizationId = ctx.ids.organizations[activity.organization] ?? '';
  const programId = activity.program ? ctx.ids.programs[activity.program] : undefined;
  if (activity.program && !programId) throw new Error(`no program "${activity.program}" in the run`);
  const { body } = await ctx.api.organization.expect(
    'POST',
    `/organizations/${organizationId}/proposals`,
    await orgAdmin(ctx, organizationId),
    {
      communityCode: ctx.ids.communities[activity.community],
      ...activity.content,
      schedule: comingSessions(),
      needId: ctx.ids.needs[activity.key],
      ...(programId ? { programId, requestedFunding: { amountFen: activity.requestedFen, currency: 'CNY' } } : {}),
    },
  );
  const proposalId = String(body.proposalId);
  ctx.ids.proposals[activity.key] = proposalId;
  return proposalId;
}

/**
 * Step 2 of the loop: three proposals submitted (the lunch, the after-school club, the choir); governance opens
 * `decision/activity-proposal/<id>` for each under the district's policy, and talent and the fund vote at once
 * by their rules.
 */
export const proposalsStage: Stage = {
  name: 'proposals submitted',
  file: 'decisions/proposals.ts',
  async run(ctx) {
    for (const activity of [ACTIVITIES.lunch, ACTIVITIES.afterSchool, ACTIVITIES.choir]) {
      const proposalId = await draftProposal(ctx, activity);
      const organizationId = ctx.ids.organizations[activity.organization] ?? '';
      await ctx.api.organization.expect('POST', `/proposals/${proposalId}/submit`, await orgAdmin(ctx, organizationId));
      const communityCode = ctx.ids.communities[activity.community] ?? '';
      const opened = await proposalReaches(ctx, proposalId, communityCode, ['under-review', 'deliberation']);
      const decisionId = opened.decision?.decisionId ?? decisionIdOf(proposalId);
      ctx.ids.decisions[activity.key] = decisionId;
      const money = activity.program
        ? `, asking ${ctx.ids.programs[activity.program]} for ¥${(activity.requestedFen ?? 0) / 100}`
        : '';
      ctx.progress.workflow(
        `${organizationId} submits "${String(activity.content.title)}" for ${communityCode}${money}: decision opened`,
        decisionId,
      );
    }
  },
};
