import { spawnSync } from 'node:child_process';
import { resolve } from 'node:path';
import { DEAD_LETTER_HEADERS } from '@sanshe/contracts';
import { dataAccessPolicy, dataAccessRequest } from '../governance/plans';
import { governanceTopicMark, query, refusals, waitClosed, waitUntil } from '../governance/probes';
import { GOVERNANCE_DLQ } from '../harness/oracle';
import { approvalPlan, COMMUNITY, PARTIES, type Plan, type PlannedDecision, plannedVote } from '../harness/plan';
import type { ChaosScenario, ScenarioContext } from '../harness/scenario';
import { highWaterMarks, readToHighWaterMarks, type TopicRecord } from '@sanshe/messaging';

/**
 * Scenario 8, events in the wrong order:
 *  - `…-p000`: its three votes are written and consumed before its opening. They must be parked (not refused
 *    as unknown-decision), and applied once when the opening arrives.
 *  - `…-r000`: a data-access request while no data-access policy exists (the suite removes the district-wide
 *    defaults from its own database first): dead-lettered as poison, with the reason. Then the policy is
 *    PUT, `npm run dlq -- replay sanshe-governance` re-publishes it, and the decision opens and closes once.
 */
const NAME = 'governance-early-events';
const CONSUMER = 'sanshe-governance';
const ROOT = resolve(__dirname, '../..');

function noPolicyDecision(): PlannedDecision {
  const decision = dataAccessRequest(`${NAME}-r000`, COMMUNITY);
  const vote = (context: 'community' | 'talent', partyId: string, who: string) =>
    plannedVote(decision.decisionId, context, partyId, `${NAME}-r000/vote/${who}`);
  decision.votes = [
    vote('community', PARTIES.committee, 'committee'),
    vote('community', PARTIES.residents, 'residents'),
    vote('talent', PARTIES.talent, 'talent'),
  ];
  return decision;
}

const eventIdOf = (record: TopicRecord) => {
  try {
    return (JSON.parse(record.value) as { id?: string }).id ?? '';
  } catch {
    return '';
  }
};

/** Votes first: each must be parked, then the opening applies them. */
async function votesBeforeOpening(ctx: ScenarioContext, decision: PlannedDecision): Promise<void> {
  await ctx.producer.write(decision.votes.map((v) => v.event));
  const parked = async () => {
    const rows = await query<{ n: string }>(
      ctx,
      'SELECT count(*) AS n FROM governance.parked_decision_update WHERE decision_id = $1',
      [decision.decisionId],
    );
    return Number(rows[0].n) === decision.votes.length;
  };
  await waitUntil(`${decision.decisionId}: ${decision.votes.length} votes parked`, 120_000, parked);
  ctx.log(`${decision.votes.length} votes of ${decision.decisionId} parked before its opening`);
  await ctx.produce([decision], 'openings');
}

/** `npm run dlq -- replay`: all dead letters when they are all this scenario's, else only its own (by id). */
function replayDeadLetters(ctx: ScenarioContext, ours: string[], all: TopicRecord[]): void {
  const onlyOurs = all.every((record) => ours.includes(eventIdOf(record)));
  const selectors = onlyOurs ? [['--all']] : ours.map((id) => ['--id', id]);
  if (!onlyOurs) ctx.log('the dead-letter topic holds other scenarios’ letters: replaying ours by id');
  for (const selector of selectors) {
    const result = spawnSync('npm', ['run', '-s', 'dlq', '--', 'replay', CONSUMER, ...selector], {
      cwd: ROOT,
      env: { ...process.env, ...ctx.servers.clientEnv('tools') }, // as an operator runs it: the tools user
      encoding: 'utf8',
    });
    ctx.log(`npm run dlq -- replay ${CONSUMER} ${selector.join(' ')}: exit ${result.status}\n${result.stdout}`);
    if (result.status !== 0) throw new Error(`dlq replay failed (${result.status}): ${result.stderr}`);
  }
}

/** An opening with no policy: dead-lettered with the reason; the policy, a replay, and it opens. */
async function openingWithoutPolicy(ctx: ScenarioContext, decision: PlannedDecision): Promise<void> {
  const removed = await query(
    ctx,
    "DELETE FROM governance.decision_policy WHERE decision_kind = 'data-access' RETURNING 1",
  );
  ctx.log(`removed ${removed.length} data-access policies from the suite's database`);
  const from = await highWaterMarks(ctx.kafka, GOVERNANCE_DLQ);
  await ctx.producer.write([decision.opening]);
  let letter: TopicRecord | undefined;
  await waitUntil(`${decision.opening.id} dead-lettered`, 120_000, async () => {
    const records = await readToHighWaterMarks(ctx.kafka, GOVERNANCE_DLQ, from);
    letter = records.find((record) => eventIdOf(record) === decision.opening.id);
    return letter !== undefined;
  });
  const reason = letter?.headers[DEAD_LETTER_HEADERS.error] ?? '';
  ctx.log(`${decision.opening.id} dead-lettered: ${reason}`);
  if (!/no decision policy/.test(reason)) throw new Error(`dead letter without the no-policy reason: "${reason}"`);
  await ctx.governance.putPolicy(dataAccessPolicy(COMMUNITY));
  replayDeadLetters(ctx, [decision.opening.id], await readToHighWaterMarks(ctx.kafka, GOVERNANCE_DLQ));
  await ctx.produce([decision]); // the opening is in the outbox already: waits until it is open, then votes
}

export const governanceEarlyEvents: ChaosScenario = {
  name: NAME,
  description: 'votes before their opening (parked); an opening with no policy, dead-lettered, then replayed',
  plan: (): Plan => {
    const early = approvalPlan(NAME, 1);
    const noPolicy = noPolicyDecision();
    return { decisions: [...early.decisions, noPolicy], poison: [noPolicy.opening.id] };
  },
  async run(ctx) {
    const from = await governanceTopicMark(ctx.kafka);
    const [early, noPolicy] = ctx.plan.decisions;
    await votesBeforeOpening(ctx, early);
    await openingWithoutPolicy(ctx, noPolicy);
    ctx.faultsEnded();
    for (const { decisionId } of ctx.plan.decisions) await waitClosed(ctx, decisionId, 180_000);
    const votes = ctx.plan.decisions.flatMap((d) => [d.opening.id, ...d.votes.map((v) => v.event.id)]);
    const refused = await refusals(ctx.kafka, from, votes);
    if (refused.length) throw new Error(`planned events refused: ${refused.join(', ')}`);
  },
};
