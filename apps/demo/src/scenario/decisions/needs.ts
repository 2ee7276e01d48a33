import { representative } from '../money/money-parties';
import type { Stage } from '../stage';
import { ACTIVITIES } from './activities';

const inDays = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);

/** Step 1 of the loop: each community's committee publishes a need (community service, a committee member). */
export const needsStage: Stage = {
  name: 'needs published',
  file: 'decisions/needs.ts',
  async run(ctx) {
    for (const activity of Object.values(ACTIVITIES)) {
      const communityCode = ctx.ids.communities[activity.community];
      if (!communityCode) throw new Error(`the run has no community #${activity.community + 1}`);
      const token = await representative(ctx, communityCode, 'committee');
      const { body } = await ctx.api.community.expect('POST', `/communities/${communityCode}/needs`, token, {
        ...activity.need,
        period: { from: inDays(0), to: inDays(365) },
      });
      ctx.ids.needs[activity.key] = String(body.needId);
      ctx.progress.say(`${communityCode} publishes need ${String(body.needId)}: ${activity.need.title}`);
    }
  },
};
