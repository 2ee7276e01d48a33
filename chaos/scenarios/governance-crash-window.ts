import type { DecisionPolicy } from '@sanshe/contracts';
import { auditQuery, bindPolicyToCommunity, GOVERNANCE_TASK_QUEUE } from '@sanshe/workflows';
import { bearer, devToken } from '@sanshe/testing';
import {
  inboxHas,
  waitPublished,
  killAfterUpdate,
  refusals,
  governanceTopicMark,
  storedEntries,
  waitClosed,
  waitUntil,
} from '../governance/probes';
import { amendment, slowDeliberationPolicy } from '../governance/plans';
import {
  approvalPlan,
  PARTIES,
  type Plan,
  type PlannedDecision,
  type PlannedEvent,
  plannedVote,
  proposal,
} from '../harness/plan';
import { unsentOutboxRows } from '../harness/oracle';
import type { ChaosScenario, ScenarioContext } from '../harness/scenario';

/**
 * Scenario 3: governance SIGKILLed after an Update succeeded but before its inbox transaction committed
 * (the PostgreSQL proxy swallows that transaction's COMMIT; nothing in governance changes), so the event
 * is redelivered for an Update the workflow already applied.
 *  - `…-p000`: the deciding vote (three approvals, the third held).
 *  - `…-cn`: a decision that continues as new after every update (the suite starts its workflow itself with
 *    `historyLimit` 6, which governance cannot set, before the opening event finds it): an objection, then
 *    the objector's changed vote, held until the workflow continued as new; talent's round-1 abstention;
 *    the proposer's amendment (round 2; held across continue-as-new in the full run); three round-2
 *    approvals, the deciding one held too in the full run.
 * Besides the oracle: no planned event refused, one amendment and one deliberation in the stored trail.
 */
const NAME = 'governance-crash-window';
const SLOW_COMMUNITY = 'chaos-deliberation';
const HISTORY_LIMIT = 6;

function continueAsNewDecision(): PlannedDecision {
  const decision = proposal(`${NAME}-cn`, SLOW_COMMUNITY);
  const id = (suffix: string) => `${NAME}-cn/${suffix}`;
  const { decisionId } = decision;
  decision.votes = [
    plannedVote(decisionId, 'community', PARTIES.committee, id('r1/committee')),
    plannedVote(decisionId, 'community', PARTIES.residents, id('r1/residents'), 'object'),
    plannedVote(decisionId, 'community', PARTIES.residents, id('r1/residents-changed')),
    plannedVote(decisionId, 'talent', PARTIES.talent, id('r1/talent'), 'abstain'),
    plannedVote(decisionId, 'community', PARTIES.committee, id('r2/committee'), 'approve', 2),
    plannedVote(decisionId, 'community', PARTIES.residents, id('r2/residents'), 'approve', 2),
    plannedVote(decisionId, 'talent', PARTIES.talent, id('r2/talent'), 'approve', 2),
  ];
  return decision;
}

/** The policy as stored (with its version), read back from governance. */
async function storedPolicy(ctx: ScenarioContext, policyId: string): Promise<DecisionPolicy> {
  const [app] = ctx.governance.running();
  const headers = bearer(await devToken({ sub: 'chaos-governance-scenarios', parties: [], roles: [] }));
  const response = await fetch(`http://127.0.0.1:${app.port}/policies/${policyId}`, { headers });
  if (!response.ok) throw new Error(`GET policy ${policyId}: ${response.status}`);
  const stored = (await response.json()) as Record<string, unknown>;
  const notPolicy = new Set(['createdAt', 'createdBy']);
  return Object.fromEntries(Object.entries(stored).filter(([key]) => !notPolicy.has(key))) as DecisionPolicy;
}

/** Starts the decision's workflow as the bridge would, but with a small history limit; the opening then finds it. */
async function startWithHistoryLimit(ctx: ScenarioContext, decision: PlannedDecision): Promise<void> {
  const policyInput = slowDeliberationPolicy(SLOW_COMMUNITY);
  await ctx.governance.putPolicy(policyInput);
  const policy = bindPolicyToCommunity(await storedPolicy(ctx, policyInput.policyId), SLOW_COMMUNITY);
  const { proposalId, title, summary } = decision.opening.data as Record<string, string>;
  await ctx.temporal.workflow.start('decisionWorkflow', {
    taskQueue: GOVERNANCE_TASK_QUEUE,
    workflowId: decision.decisionId,
    args: [
      {
        decisionId: decision.decisionId,
        kind: 'activity-proposal',
        subjectId: proposalId,
        communityCode: SLOW_COMMUNITY,
        proposerId: `organization:${(decision.opening.data as { organizationId: string }).organizationId}`,
        title,
        summary,
        policy,
        openedBy: { eventId: decision.opening.id, type: decision.opening.type },
        voteGraceMs: 120_000,
        historyLimit: HISTORY_LIMIT,
      },
    ],
  });
  await ctx.produce([decision], 'openings');
}

const runIdOf = async (ctx: ScenarioContext, decisionId: string) =>
  (await ctx.temporal.workflow.getHandle(decisionId).describe()).runId;

type Entry = { type: string; partyId?: string; round?: number; changed?: boolean };

/** Whether the workflow's audit trail (the running run's, carried over) has an entry that `matches`. */
const hasEntry = async (ctx: ScenarioContext, decisionId: string, matches: (e: Entry) => boolean) =>
  (await ctx.temporal.workflow.getHandle(decisionId).query(auditQuery)).some((r) => matches(r.entry as Entry));

const waitForEntry = (ctx: ScenarioContext, decisionId: string, what: string, matches: (e: Entry) => boolean) =>
  waitUntil(`${decisionId}: ${what}`, 120_000, () => hasEntry(ctx, decisionId, matches));

const voteIn = (partyId: string, round: number) => (e: Entry) =>
  e.type === 'vote-cast' && e.partyId === partyId && e.round === round;

/**
 * Writes `event` and, once its Update is in the workflow and the workflow has continued as new, kills
 * governance before the event's inbox commit: the redelivery reaches a run that never saw the Update.
 */
async function heldAcrossContinueAsNew(
  ctx: ScenarioContext,
  decisionId: string,
  event: PlannedEvent,
  applied: (e: Entry) => boolean,
): Promise<void> {
  const before = await runIdOf(ctx, decisionId);
  const waitMs = ctx.short ? 15_000 : 30_000;
  const giveUpAt = Date.now() + waitMs; // then kill anyway: the window is still hit, in the same run
  let continued = false;
  await killAfterUpdate(
    ctx,
    event.id,
    () => ctx.producer.write([event]),
    async () => {
      if (!(await hasEntry(ctx, decisionId, applied))) return false;
      continued = (await runIdOf(ctx, decisionId)) !== before;
      return continued || Date.now() > giveUpAt;
    },
  );
  ctx.log(
    continued
      ? `${event.id}: applied in run ${before}, redelivered after the workflow continued as new`
      : `${event.id}: applied, but the workflow had not continued as new in ${waitMs / 1000} s: redelivered to the same run`,
  );
}

async function runContinueAsNew(ctx: ScenarioContext, decision: PlannedDecision): Promise<void> {
  const { decisionId } = decision;
  const [r1Committee, r1Object, r1Changed, r1Talent, r2Committee, r2Residents, r2Talent] = decision.votes.map(
    (v) => v.event,
  );
  await startWithHistoryLimit(ctx, decision);
  await ctx.producer.write([r1Committee, r1Object]);
  // Published first: the held vote's transaction writes the decision's pending rows, which publishing does too.
  await waitPublished(ctx, decisionId, 'deliberation-opened');
  const changed = (e: Entry) => voteIn(PARTIES.residents, 1)(e) && e.changed === true;
  await heldAcrossContinueAsNew(ctx, decisionId, r1Changed, changed);
  // Not held across the amendment: its inbox transaction would hold the decision's pending rows, which the
  // round-opened publication writes, so the workflow could not continue as new until governance died.
  await ctx.producer.write([r1Talent]);
  await waitForEntry(ctx, decisionId, 'talent abstained in round 1', voteIn(PARTIES.talent, 1));
  const amended = amendment(decision, `${NAME}-cn/amended`, 'Budget shown line by line.');
  if (ctx.short) await ctx.producer.write([amended]);
  else await heldAcrossContinueAsNew(ctx, decisionId, amended, (e) => e.type === 'amended');
  await waitPublished(ctx, decisionId, 'round-opened');
  await ctx.producer.write([r2Committee, r2Residents]);
  for (const partyId of [PARTIES.committee, PARTIES.residents]) {
    await waitForEntry(ctx, decisionId, `${partyId} voted in round 2`, voteIn(partyId, 2));
  }
  // The deciding vote ends the decision (no continue-as-new): held, then killed as soon as it counted.
  const decided = () => hasEntry(ctx, decisionId, voteIn(PARTIES.talent, 2));
  if (ctx.short) await ctx.producer.write([r2Talent]);
  else await killAfterUpdate(ctx, r2Talent.id, () => ctx.producer.write([r2Talent]), decided);
  await waitClosed(ctx, decisionId, 180_000);
  const entries = await storedEntries(ctx, decisionId);
  for (const type of ['amended', 'deliberation-opened']) {
    const n = entries.filter((e) => e.type === type).length;
    if (n !== 1) throw new Error(`${decisionId}: ${n} ${type} entries in the stored trail, 1 planned`);
  }
}

async function runDecidingVote(ctx: ScenarioContext, decision: PlannedDecision): Promise<void> {
  const [committee, residents, talent] = decision.votes.map((v) => v.event);
  await ctx.produce([decision], 'openings');
  await ctx.producer.write([committee, residents]);
  for (const partyId of [PARTIES.committee, PARTIES.residents]) {
    await waitForEntry(ctx, decision.decisionId, `${partyId} voted`, voteIn(partyId, 1));
  }
  const decided = () => hasEntry(ctx, decision.decisionId, voteIn(PARTIES.talent, 1));
  await killAfterUpdate(ctx, talent.id, () => ctx.producer.write([talent]), decided);
  // Not waited for here: its `decided` activity may have died with the worker (30 s until Temporal retries
  // it), which the continue-as-new part overlaps. `run` waits for it before it looks for refusals.
}

/**
 * Every planned event recorded in governance's inbox (applied or refused: redeliveries of the held ones
 * included) and governance's outbox rows about the plan's decisions sent (a refusal is keyed by its
 * decision), so that any refusal is on Kafka before it is looked for. Other scenarios' rows, which
 * --short's settling beside this one writes, are not waited for.
 */
async function everyEventConsumed(ctx: ScenarioContext, eventIds: string[]): Promise<void> {
  for (const id of eventIds) await waitUntil(`${id} in governance's inbox`, 120_000, () => inboxHas(ctx, id));
  await waitUntil("governance's outbox drained", 120_000, async () => {
    const unsent = await unsentOutboxRows(ctx.servers.env.DATABASE_URL, ctx.plan);
    return unsent.governance === 0;
  });
}

export const governanceCrashWindow: ChaosScenario = {
  name: NAME,
  description:
    'governance SIGKILLed between a succeeded Update and its inbox commit: deciding vote; after continue-as-new',
  plan: (): Plan => {
    const plan = approvalPlan(NAME, 1);
    return { ...plan, decisions: [...plan.decisions, continueAsNewDecision()] };
  },
  async run(ctx) {
    const from = await governanceTopicMark(ctx.kafka);
    const [deciding, continued] = ctx.plan.decisions;
    await runDecidingVote(ctx, deciding);
    await runContinueAsNew(ctx, continued);
    ctx.faultsEnded();
    await waitClosed(ctx, deciding.decisionId, 180_000);
    const planned = ctx.plan.decisions.flatMap((d) => [d.opening.id, ...d.votes.map((v) => v.event.id)]);
    const eventIds = [...planned, `${NAME}-cn/amended`];
    await everyEventConsumed(ctx, eventIds);
    const refused = await refusals(ctx.kafka, from, eventIds);
    if (refused.length) throw new Error(`planned events refused after their redelivery: ${refused.join(', ')}`);
  },
};
