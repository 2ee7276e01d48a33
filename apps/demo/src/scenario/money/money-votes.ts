import type { DemoContext } from '../context';
import { funderAdmin, representative } from './money-parties';

/**
 * The votes of the money's decisions, each through its party's own controller: the community's committee through
 * the community service, a `funder:*` through funding (its staff, unless the program's rules voted first), a
 * `portal:*` funder through its portal (portal-sim). A service that has not heard of the decision yet answers
 * 404: the vote is tried again until it has (bounded).
 */
export async function communityApproves(ctx: DemoContext, decisionId: string, communityCode: string) {
  const token = await representative(ctx, communityCode, 'committee');
  const partyId = `community:${communityCode}`;
  const answer = await ctx.waitFor(
    `the community's vote on ${decisionId}`,
    async () => {
      const sent = await ctx.api.community.call('POST', '/votes', token, { decisionId, partyId, choice: 'approve' });
      return sent.status === 404 ? undefined : sent;
    },
    () => `community still answers 404 to POST /votes: it has not heard governance's decision.opened`,
  );
  if (answer.status !== 200 && answer.status !== 201) {
    throw new Error(`${partyId}'s vote on ${decisionId} answered ${answer.status}: ${answer.text.slice(0, 400)}`);
  }
  ctx.progress.say(`${partyId} (its committee, through the community service) approves ${decisionId}`);
}

export async function funderApproves(ctx: DemoContext, decisionId: string, funderId: string) {
  if (funderId.startsWith('portal:')) return portalApproves(ctx, decisionId, funderId.slice('portal:'.length));
  const token = await funderAdmin(ctx, funderId);
  const path = `/decisions/${decisionId}/votes`;
  const answer = await ctx.waitFor(
    `the funder's vote on ${decisionId}`,
    async () => {
      const sent = await ctx.api.funding.call('POST', path, token, { partyId: funderId, choice: 'approve' });
      return sent.status === 404 ? undefined : sent;
    },
    () => `funding still answers 404 to POST ${path}: it does not track the decision yet`,
  );
  const code = (answer.body as { code?: string }).code;
  if (answer.status === 200 || answer.status === 201)
    ctx.progress.say(`${funderId}'s staff approve ${decisionId} (through funding)`);
  else if (answer.status === 409 && code === 'already-voted') {
    ctx.progress.say(`${funderId} voted ${decisionId} by its program's rules (funding, automatically)`);
  } else if (answer.status === 409 && code === 'decision-closed') {
    ctx.progress.say(`${decisionId} was decided before ${funderId}'s staff voted`);
  } else throw new Error(`${funderId}'s vote on ${decisionId} answered ${answer.status}: ${answer.text.slice(0, 400)}`);
}

async function portalApproves(ctx: DemoContext, decisionId: string, portalId: string) {
  const run = await ctx.waitFor(
    `portal ${portalId}'s vote on ${decisionId}`,
    async () => {
      const sent = await ctx.portalSim(portalId, ['send', 'vote', '--decision', decisionId, '--choice', 'approve']);
      // Rejected as not seated / unknown while governance is still opening the decision: asked again.
      return sent.code === 1 && /not-a-party|unknown-decision|not-seated/.test(sent.stdout) ? undefined : sent;
    },
    () => `portal-sim send vote is still refused: governance has not opened ${decisionId}`,
  );
  if (run.code !== 0) {
    throw new Error(`portal ${portalId}'s vote on ${decisionId} exited ${run.code}: ${run.stdout}${run.stderr}`);
  }
  ctx.progress.say(`portal:${portalId} approves ${decisionId} (portal-sim, on its commands topic)`);
}
