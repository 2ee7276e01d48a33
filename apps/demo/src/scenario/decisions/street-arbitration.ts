import type { Stage } from '../stage';
import { ACTIVITIES } from './activities';
import { committeeVotes, peerVotes, proposalReaches, recordOutcome } from './decision-reads';

/** portal-sim's reply line: time, ACCEPTED|REJECTED, type, command id, then its facts (docs/portals.md). */
const replyLine = (stdout: string) => stdout.trim().split('\n')[0] ?? '';

/**
 * Step 3–5 of the loop, escalation: the choir asks no money (the fund abstains by its rules), talent and the
 * federation approve, the community objects — 4 : 2 of 8, quorum 5: neither approved nor rejected once the
 * deliberation closes, so it escalates to the office of the decision's own street, which rules through its
 * portal (portal-sim: `send arbitrate`, its reply awaited on the office's replies topic).
 */
export const streetArbitrationStage: Stage = {
  name: 'a decision escalates to the street office, which arbitrates',
  file: 'decisions/street-arbitration.ts',
  async run(ctx) {
    const activity = ACTIVITIES.choir;
    const proposalId = ctx.ids.proposals.choir ?? '';
    const decisionId = ctx.ids.decisions.choir ?? '';
    const communityCode = ctx.ids.communities[activity.community] ?? '';
    const streetCode = communityCode.slice(0, 10);
    const office = ctx.ids.streetOffices[streetCode];
    if (!office) throw new Error(`street ${streetCode} has no office registered`);
    await committeeVotes(ctx, decisionId, communityCode, 'object', {
      code: 'venue-conflict',
      text: '活动室周末已排满，固定排练会挤占其他团队。',
    });
    await peerVotes(ctx, decisionId, 'approve');
    await proposalReaches(ctx, proposalId, communityCode, ['escalated']);
    const escalation = { decisionId, arbiterId: `portal:${office}`, ruling: undefined as string | undefined };
    ctx.record.escalations.push(escalation);
    ctx.progress.workflow(`4 : 2 with the fund abstaining, quorum 5: escalated to portal:${office}`, decisionId);
    const run = await ctx.portalSim(office, [
      ...['send', 'arbitrate', '--decision', decisionId, '--outcome', 'approved', '--timeout', '30'],
      ...['--reason', '活动室可错峰使用：合唱团改在周三晚上排练，准予开展。'],
    ]);
    if (run.code !== 0) {
      throw new Error(`portal-sim send arbitrate as ${office} exited ${run.code}: ${run.stdout}${run.stderr}`.trim());
    }
    ctx.progress.workflow(`portal ${office} rules approved through portal-sim: ${replyLine(run.stdout)}`, decisionId);
    const outcome = await recordOutcome(
      ctx,
      `${String(activity.content.title)}: escalated, arbitrated`,
      decisionId,
      communityCode,
      'approved',
    );
    escalation.ruling = `${outcome.result} (${outcome.decidedBy})`;
  },
};
