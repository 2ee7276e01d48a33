import type { Stage } from '../stage';
import { ACTIVITIES } from './activities';
import { committeeVotes, peerVotes, proposalReaches, recordOutcome } from './decision-reads';

/**
 * Step 3–5 of the loop, no single veto: the community's committee objects to the after-school club (its
 * reason published, a deliberation window opened); the organization does not amend; talent, the fund (by their
 * rules) and the federation approve — 6 of 8 past the quorum of 5 once the window closes: approved, the
 * objection on the record but no veto.
 */
export const communityOutvotedStage: Stage = {
  name: 'a community objects and is outvoted after deliberation',
  file: 'decisions/community-outvoted.ts',
  async run(ctx) {
    const activity = ACTIVITIES.afterSchool;
    const proposalId = ctx.ids.proposals.afterSchool ?? '';
    const decisionId = ctx.ids.decisions.afterSchool ?? '';
    const communityCode = ctx.ids.communities[activity.community] ?? '';
    await committeeVotes(ctx, decisionId, communityCode, 'object', {
      code: 'schedule-conflict',
      text: '放学时段楼下活动室噪音影响午休老人，建议改到社区学校。',
    });
    await proposalReaches(ctx, proposalId, communityCode, ['deliberation']);
    ctx.progress.workflow(
      `deliberation opened (${ctx.seconds(10, 30)} s): the objection is published, nobody amends`,
      decisionId,
    );
    await peerVotes(ctx, decisionId, 'approve');
    await recordOutcome(
      ctx,
      `${String(activity.content.title)}: the community outvoted`,
      decisionId,
      communityCode,
      'approved',
    );
  },
};
