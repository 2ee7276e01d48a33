import { orgAdmin } from '../parties';
import type { Stage } from '../stage';
import { ACTIVITIES } from './activities';
import { committeeVotes, peerVotes, proposalReaches, recordOutcome, talentVotes } from './decision-reads';

/**
 * Step 3–4 of the loop: the talent party votes by its staffing rules — the lunch for 45 elders plans 2 certified
 * social workers where the ratio asks 3, so talent objects with the rule as its reason; the organization amends
 * during the deliberation (a third certified social worker), a new round opens, talent approves it, and so do
 * the community and the federation: approved in round 2.
 */
export const talentAmendmentStage: Stage = {
  name: 'the talent party objects by its staffing rules; an amendment fixes it',
  file: 'decisions/talent-amendment.ts',
  async run(ctx) {
    const activity = ACTIVITIES.lunch;
    const proposalId = ctx.ids.proposals.lunch ?? '';
    const decisionId = ctx.ids.decisions.lunch ?? '';
    const communityCode = ctx.ids.communities[activity.community] ?? '';
    const voteOfRound = (round: number) =>
      ctx.waitFor(
        `talent has not voted round ${round} of ${decisionId}`,
        async () => (await talentVotes(ctx, decisionId)).find((v) => v.round === round),
        () => `talent shows no vote of round ${round} yet (its staffing rules wait for the proposal and the round)`,
      );
    const objection = await voteOfRound(1);
    if (objection.choice !== 'object') {
      throw new Error(
        `talent voted ${objection.choice} in round 1; the plan of 2 certified for 45 should draw an objection`,
      );
    }
    ctx.progress.workflow(`talent objects by its staffing rules: ${objection.reason?.text ?? ''}`, decisionId);
    await proposalReaches(ctx, proposalId, communityCode, ['deliberation']);
    const organizationId = ctx.ids.organizations[activity.organization] ?? '';
    await ctx.api.organization.expect('POST', `/proposals/${proposalId}/amend`, await orgAdmin(ctx, organizationId), {
      revision: '增加一名持证社工：每 20 名长者配 1 名持证社工，45 人需 3 名。',
      changes: {
        staffingPlan: [
          { role: 'certified-social-worker', count: 3 },
          { role: 'volunteer', count: 3 },
        ],
      },
    });
    ctx.progress.workflow(`${organizationId} amends the plan: 3 certified social workers`, decisionId);
    await ctx.waitFor(
      `${decisionId} has no round 2`,
      async () =>
        (await proposalReaches(ctx, proposalId, communityCode, ['under-review', 'deliberation', 'approved'])).decision
          ?.round === 2
          ? true
          : undefined,
      () => 'governance has not opened a round for the amendment',
    );
    const approval = await voteOfRound(2);
    ctx.progress.workflow(`round 2: talent votes ${approval.choice} (the amended plan meets its rules)`, decisionId);
    await committeeVotes(ctx, decisionId, communityCode, 'approve');
    await peerVotes(ctx, decisionId, 'approve');
    await recordOutcome(
      ctx,
      `${String(activity.content.title)}: talent's objection, amended`,
      decisionId,
      communityCode,
      'approved',
    );
  },
};
