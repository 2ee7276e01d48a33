import { orgAdmin, reader } from '../parties';
import type { Stage } from '../stage';
import { ACTIVITIES } from './activities';
import { decisionIdOf } from './decision-reads';
import { draftProposal } from './proposals';

/**
 * Step 2b of the loop: the volunteer team's clean-up asks no venue, no residents' data and no money, so it is
 * only filed; governance notices it (the seats may call it in within the window) and the organization schedules
 * the activity at once — it goes ahead, no decision opened.
 */
export const filedActivityStage: Stage = {
  name: 'a low-risk activity is filed and goes ahead',
  file: 'decisions/filed-activity.ts',
  async run(ctx) {
    const activity = ACTIVITIES.cleanup;
    const organizationId = ctx.ids.organizations[activity.organization] ?? '';
    const proposalId = await draftProposal(ctx, activity);
    const decisionId = decisionIdOf(proposalId);
    const entry = { label: `${String(activity.content.title)}: filed`, decisionId, intended: 'goes-ahead' } as {
      label: string;
      decisionId: string;
      intended: string;
      actual?: string;
      decidedBy?: string;
    };
    ctx.record.decisions.push(entry);
    await ctx.api.organization.expect('POST', `/proposals/${proposalId}/file`, await orgAdmin(ctx, organizationId));
    ctx.progress.say(`${organizationId} files "${String(activity.content.title)}" (${proposalId}): low risk`);
    const token = await reader(ctx);
    const filing = await ctx.waitFor(
      `filing ${proposalId} not noticed`,
      async () => {
        const answer = await ctx.api.governance.call('GET', `/filings/${proposalId}`, token);
        return answer.status === 200 && answer.body.status === 'noticed' ? answer.body : undefined;
      },
      () => 'governance has not noticed the filing (proposal.filed not read yet)',
    );
    ctx.progress.say(`governance notices the filing: the seats may call it in until ${String(filing.callInUntil)}`);
    const scheduled = await ctx.waitFor(
      `no activity scheduled for filing ${proposalId}`,
      async () => {
        const { body } = await ctx.api.organization.expect('GET', `/organizations/${organizationId}/activities`, token);
        return (body as { activityId: string; proposalId: string; status: string; basis: string }[]).find(
          (a) => a.proposalId === proposalId && a.status === 'scheduled',
        );
      },
      () => `${organizationId} lists no scheduled activity of ${proposalId}`,
    );
    ctx.ids.activities[activity.key] = scheduled.activityId;
    entry.actual = 'goes-ahead';
    entry.decidedBy = `notice (${scheduled.basis})`;
    ctx.progress.say(`activity ${scheduled.activityId} scheduled on the filing: it goes ahead`);
  },
};
