import { Partitioners } from 'kafkajs';
import { sleep } from '@sanshe/common';
import { contextTopic } from '@sanshe/contracts';
import { decisionWorkflowId, GOVERNANCE_TASK_QUEUE } from '@sanshe/workflows';
import { plannedVote } from '../harness/plan';
import { groupJoins, waitClosed, waitUntil } from '../governance/probes';
import { approvalPlan, PARTIES, type Plan } from '../harness/plan';
import type { ChaosScenario, ScenarioContext } from '../harness/scenario';

/**
 * Scenario 4: decisions whose workflow can make no progress — one whose tasks fail (input the workflow
 * cannot read), one of a workflow type no worker has, both on governance's task queue, and one on a task
 * queue with no worker — each sent a vote. Their Updates time out (GOVERNANCE_TEMPORAL_CALL_TIMEOUT_MS) and
 * hold their partition (all three keys hash to one partition of the community topic, found below), while
 * the plan's decisions, keyed to the other partitions, must close on time; the consumer must not rejoin its
 * group (its log counts the joins), and the stuck votes must not be dead-lettered. At the end the stuck
 * workflows are terminated, their votes refused as closed, and the partition flows again.
 */
const NAME = 'stuck-workflows';
const PARTITIONS = 3;
const NO_WORKER_QUEUE = 'chaos-no-worker';
const COMMUNITY_TOPIC = contextTopic('community');

const partitioner = Partitioners.DefaultPartitioner();
const partitionOf = (key: string) =>
  partitioner({
    topic: COMMUNITY_TOPIC,
    partitionMetadata: Array.from({ length: PARTITIONS }, (_, partitionId) => ({
      partitionId,
      leader: 0,
      partitionErrorCode: 0,
      replicas: [0],
      isr: [0],
    })),
    message: { key, value: null },
  });

/** The stuck decisions' ids: the first three of `…-sNNN` whose key lands on the partition of `…-s000`. */
function stuckDecisionIds(): string[] {
  const ids: string[] = [];
  for (let i = 0; ids.length < 3; i++) {
    const id = decisionWorkflowId('activity-proposal', `${NAME}-s${String(i).padStart(3, '0')}`);
    if (ids.length === 0 || partitionOf(id) === partitionOf(ids[0])) ids.push(id);
  }
  return ids;
}
const STUCK = stuckDecisionIds();
const STUCK_PARTITION = partitionOf(STUCK[0]);

/** Starts the three workflows that cannot progress (not in the plan: they never close). */
async function startStuck(ctx: ScenarioContext): Promise<void> {
  const [badInput, unknownType, noWorker] = STUCK;
  const { workflow } = ctx.temporal;
  await workflow.start('decisionWorkflow', { taskQueue: GOVERNANCE_TASK_QUEUE, workflowId: badInput, args: [{}] });
  await workflow.start('chaosNoSuchWorkflow', { taskQueue: GOVERNANCE_TASK_QUEUE, workflowId: unknownType, args: [] });
  await workflow.start('decisionWorkflow', { taskQueue: NO_WORKER_QUEUE, workflowId: noWorker, args: [{}] });
  const votes = STUCK.map((id, i) => plannedVote(id, 'community', PARTIES.committee, `${NAME}-stuck${i}/vote`));
  await ctx.producer.write(votes.map((v) => v.event));
}

async function partitionCount(ctx: ScenarioContext): Promise<number> {
  const admin = ctx.kafka.admin();
  await admin.connect();
  try {
    const { topics } = await admin.fetchTopicMetadata({ topics: [COMMUNITY_TOPIC] });
    return topics[0]?.partitions.length ?? 0;
  } finally {
    await admin.disconnect();
  }
}

interface InboxHealth {
  details?: { inbox?: { stalled?: { topic: string; partition: number }[] } };
  [key: string]: unknown;
}

/** Whether governance's /health shows the stuck partition held. */
async function stuckPartitionHeld(ctx: ScenarioContext): Promise<boolean> {
  const [app] = ctx.governance.running();
  const health = JSON.stringify((await (await fetch(`http://127.0.0.1:${app.port}/health`)).json()) as InboxHealth);
  return health.includes(`"topic":"${COMMUNITY_TOPIC}","partition":${STUCK_PARTITION},`);
}

export const stuckWorkflows: ChaosScenario = {
  name: NAME,
  description: 'workflows whose tasks fail or have no worker hold one partition; the other keys flow, no rebalance',
  freshGovernance: true, // its instance must have joined its group exactly once: a reused one may have rejoined
  plan: ({ short }): Plan => {
    const candidates = approvalPlan(NAME, 40).decisions;
    const flowing = candidates.filter((d) => partitionOf(d.decisionId) !== STUCK_PARTITION);
    return { decisions: flowing.slice(0, short ? 4 : 10), poison: [] };
  },
  async run(ctx) {
    const partitions = await partitionCount(ctx);
    if (partitions !== PARTITIONS) throw new Error(`${COMMUNITY_TOPIC} has ${partitions} partitions, planned for 3`);
    const [app] = ctx.governance.running();
    const stuckSince = Date.now();
    await startStuck(ctx);
    await waitUntil(`partition ${STUCK_PARTITION} held`, 120_000, () => stuckPartitionHeld(ctx));
    ctx.log(`${COMMUNITY_TOPIC}/${STUCK_PARTITION} held by ${STUCK.join(', ')}`);
    const producing = Date.now();
    await ctx.produce();
    for (const { decisionId } of ctx.plan.decisions) await waitClosed(ctx, decisionId, 120_000);
    ctx.log(
      `${ctx.plan.decisions.length} decisions closed in ${(Date.now() - producing) / 1000} s beside the held partition`,
    );
    const heldFor = ctx.sessionTimeoutMs + (ctx.short ? 10_000 : 70_000); // over the session timeout
    await sleep(Math.max(0, stuckSince + heldFor - Date.now()));
    if (!(await stuckPartitionHeld(ctx)))
      throw new Error('the stuck partition is no longer held: its votes went somewhere');
    const joins = groupJoins(app);
    ctx.log(`the consumer joined its group ${joins} time(s) in ${(Date.now() - stuckSince) / 1000} s`);
    if (joins !== 1) throw new Error(`the consumer joined its group ${joins} times (a rebalance storm); 1 expected`);
    for (const id of STUCK) await ctx.temporal.workflow.getHandle(id).terminate('chaos: end of the scenario');
    await waitUntil('the stuck partition flowing again', 120_000, async () => !(await stuckPartitionHeld(ctx)));
    ctx.faultsEnded();
  },
};
