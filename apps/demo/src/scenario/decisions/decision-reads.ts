import type { DemoContext } from '../context';
import { representative } from '../money/money-parties';
import { orgAdmin, reader } from '../parties';
import { peerParty, talentParty, welfareFundParty } from '../seed/street-offices';

/** A proposal as the organization service shows it (GET /proposals/{id}). */
export interface ProposalView {
  proposalId: string;
  status: string;
  decision: { decisionId: string; stage: string; round: number } | null;
  result: string | null;
}

export const decisionIdOf = (proposalId: string) => `decision/activity-proposal/${proposalId}`;

export async function readProposal(ctx: DemoContext, proposalId: string): Promise<ProposalView> {
  const { body } = await ctx.api.organization.expect('GET', `/proposals/${proposalId}`, await reader(ctx));
  return body as ProposalView;
}

/** The seats of the run's activity policy, bound for a community (the decision's electorate). */
export const seatsOf = (ctx: DemoContext, communityCode: string) => [
  `community:${communityCode}`,
  talentParty(ctx),
  welfareFundParty(ctx),
  peerParty(ctx),
];

/** Who governance still waits on (GET /parties/{partyId}/pending, a token speaking for every seat). */
export async function waitingOn(ctx: DemoContext, decisionId: string, communityCode: string): Promise<string> {
  const seats = seatsOf(ctx, communityCode);
  const token = await ctx.token({ sub: `demo-inbox-${ctx.runId}`, parties: seats, roles: [] });
  const waiting: string[] = [];
  let stage = '';
  for (const party of seats) {
    const { body } = await ctx.api.governance.call('GET', `/parties/${encodeURIComponent(party)}/pending`, token);
    const item = Array.isArray(body)
      ? (body as { decisionId: string; stage: string }[]).find((d) => d.decisionId === decisionId)
      : undefined;
    if (item) {
      waiting.push(party);
      stage = item.stage;
    }
  }
  return waiting.length
    ? `${stage}: waiting for votes of ${waiting.join(', ')}`
    : 'no seat is waited on (deliberation, escalation or the outcome on its way)';
}

/** Waits until the proposal is in one of `statuses` (the organization follows governance's events). */
export function proposalReaches(ctx: DemoContext, proposalId: string, communityCode: string, statuses: string[]) {
  let last = '';
  return ctx.waitFor(
    `proposal ${proposalId} not ${statuses.join(' or ')}`,
    async () => {
      const view = await readProposal(ctx, proposalId);
      last = `${view.status}${view.decision ? ` (${view.decision.stage}, round ${view.decision.round})` : ''}`;
      return statuses.includes(view.status) ? view : undefined;
    },
    async () => `still ${last}; ${await waitingOn(ctx, decisionIdOf(proposalId), communityCode)}`,
  );
}

/**
 * Waits for governance's closed decision (GET /decisions/{id}: decided, with its audit hash) and records its
 * outcome against the intended one.
 */
export async function recordOutcome(
  ctx: DemoContext,
  label: string,
  decisionId: string,
  communityCode: string,
  intended: string,
): Promise<{ result: string; decidedBy: string }> {
  const entry: { label: string; decisionId: string; intended: string; actual?: string; decidedBy?: string } = {
    label,
    decisionId,
    intended,
  };
  ctx.record.decisions.push(entry);
  const token = await reader(ctx);
  const outcome = await ctx.waitFor(
    `decision ${decisionId} still open`,
    async () => {
      const answer = await ctx.api.governance.call('GET', `/decisions/${decisionId}`, token);
      if (answer.status === 404) return undefined;
      if (answer.status !== 200)
        throw new Error(`GET /decisions/${decisionId} answered ${answer.status}: ${answer.text}`);
      return (answer.body as { outcome: { result: string; decidedBy: string } }).outcome;
    },
    () => waitingOn(ctx, decisionId, communityCode),
  );
  entry.actual = outcome.result;
  entry.decidedBy = outcome.decidedBy;
  ctx.progress.workflow(`decided ${outcome.result} by ${outcome.decidedBy} (meant: ${intended})`, decisionId);
  return outcome;
}

type Choice = 'approve' | 'object' | 'abstain';
interface Reason {
  code: string;
  text: string;
}

/** The community's committee votes through the community service (POST /votes, a serving committee member). */
export async function committeeVotes(
  ctx: DemoContext,
  decisionId: string,
  communityCode: string,
  choice: Choice,
  reason?: Reason,
) {
  const token = await representative(ctx, communityCode, 'committee');
  const partyId = `community:${communityCode}`;
  const { body } = await ctx.api.community.expect('POST', '/votes', token, {
    ...{ decisionId, partyId, choice },
    ...(reason ? { reason } : {}),
  });
  ctx.progress.workflow(
    `${partyId} votes ${choice}${reason ? `: ${reason.text}` : ''} (vote ${String(body.voteId)})`,
    decisionId,
  );
}

/** The federation's peer seat votes through the organization service (POST /votes, its admin). */
export async function peerVotes(ctx: DemoContext, decisionId: string, choice: Choice) {
  const token = await orgAdmin(ctx, ctx.ids.organizations.federation ?? '');
  await ctx.api.organization.expect('POST', '/votes', token, { decisionId, partyId: peerParty(ctx), choice });
  ctx.progress.workflow(`${peerParty(ctx)} votes ${choice}`, decisionId);
}

/** The talent party's automatic votes on a decision, as talent shows them (with the staffing rule's reason). */
export async function talentVotes(ctx: DemoContext, decisionId: string) {
  const { body } = await ctx.api.talent.expect('GET', `/decisions/${decisionId}/talent-votes`, await reader(ctx));
  return body as { round: number; choice: Choice; reason: Reason | null }[];
}
