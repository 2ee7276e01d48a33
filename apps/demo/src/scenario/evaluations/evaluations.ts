import type { DemoContext } from '../context';
import { organizationStaff, representative } from '../money/money-parties';
import { auditor } from '../money/money-reads';
import type { Stage } from '../stage';
import { demoResidents } from './residents';

interface ActivityEvaluation {
  organizationId: string;
  communityCode: string;
  score: number | null;
  dimensions: Partial<Record<'reach' | 'satisfaction' | 'outcome' | 'efficiency', number>>;
}

const DIMENSIONS = ['reach', 'satisfaction', 'outcome', 'efficiency'] as const;
/** Residents' satisfaction as their representative enters it, one score per participant (pseudonym). */
const SATISFACTION = [5, 4, 4, 5];

/**
 * Step 9 of the loop: each funded activity, once completed, evaluated on the whole of its service — residents' satisfaction
 * (entered by their representative, per participant's pseudonym), the committee's outcome against the need, a
 * peer organization's efficiency (which never dominates) and reach from the attendance — then its score and
 * the organization's rating, as the community service computes them.
 */
export const evaluationsStage: Stage = {
  name: 'evaluations recorded: reach, satisfaction, outcome, efficiency',
  file: 'evaluations/evaluations.ts',
  async run(ctx) {
    // The funded activities, which reported and completed (a filed one may still be running): by their grants' names.
    const activities = Object.keys(ctx.ids.grants).flatMap((name) => {
      const activityId = ctx.ids.activities[name];
      return activityId ? [[name, activityId] as const] : [];
    });
    if (activities.length === 0) throw new Error('no completed activity in the run: the activity reports made none');
    const scored = await Promise.all(activities.map(([, activityId]) => evaluate(ctx, activityId)));
    const missing = scored.flatMap(({ activityId, evaluation }) =>
      DIMENSIONS.filter((d) => evaluation.dimensions[d] === undefined).map((d) => `${activityId} ${d}`),
    );
    ctx.record.checks.push({
      name: 'evaluations on all four dimensions',
      ok: missing.length === 0 && scored.every((s) => s.evaluation.score !== null),
      detail: missing.length
        ? `missing: ${missing.join(', ')}`
        : scored.map((s) => `${s.activityId} ${s.evaluation.score}`).join('; '),
    });
  },
};

async function evaluate(ctx: DemoContext, activityId: string) {
  const reader = await auditor(ctx);
  const path = `/activities/${activityId}/evaluations`;
  // The community knows the activity once organization.activity.completed reached it: 404 before.
  const known = await ctx.waitFor(
    `community's record of ${activityId}'s completion`,
    async () => {
      const answer = await ctx.api.community.call('GET', `/activities/${activityId}/evaluation`, reader);
      return answer.status === 200 ? (answer.body as ActivityEvaluation) : undefined;
    },
    () => `community still answers 404 for ${activityId}: organization.activity.completed not heard yet`,
  );
  const { communityCode, organizationId } = known;
  const residents = await demoResidents(ctx, communityCode);
  const representativeToken = await representative(ctx, communityCode, 'residents');
  for (const [i, residentId] of residents.entries()) {
    const satisfaction = SATISFACTION[i % SATISFACTION.length];
    await ctx.api.community.expect('POST', path, representativeToken, { kind: 'resident', residentId, satisfaction });
  }
  const committee = await representative(ctx, communityCode, 'committee');
  await ctx.api.community.expect('POST', path, committee, { kind: 'committee', outcome: 4, reach: 4 });
  const peer = Object.values(ctx.ids.organizations).find((id) => id !== organizationId);
  if (!peer) throw new Error(`no other organization in the run to evaluate ${activityId} as a peer`);
  await ctx.api.community.expect('POST', path, await organizationStaff(ctx, peer), {
    ...{ kind: 'peer', organizationId: peer, efficiency: 4 },
  });
  const evaluation = await ctx.waitFor(
    `${activityId} scored`,
    async () => {
      const answer = await ctx.api.community.expect('GET', `/activities/${activityId}/evaluation`, reader);
      return (answer.body as ActivityEvaluation).score !== null ? (answer.body as ActivityEvaluation) : undefined;
    },
    () => `community has no score for ${activityId} yet`,
  );
  const dims = DIMENSIONS.map((d) => `${d} ${evaluation.dimensions[d] ?? '–'}`).join(', ');
  ctx.progress.say(`${activityId} evaluated by residents, committee and peer ${peer}: ${dims} → ${evaluation.score}`);
  return { activityId, evaluation };
}
