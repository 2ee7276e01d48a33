import { sleep } from '@sanshe/common';
import { approvalPlan } from '../harness/plan';
import type { ChaosScenario, ScenarioContext } from '../harness/scenario';

/**
 * Scenario 6: the Temporal dev server SIGKILLed mid-decision and started again by the harness (its SQLite
 * file keeps the histories). Once while the openings are consumed (starts, and the `opened` publish
 * activities, in flight), once while the votes are (Updates, and the `decided` activities, in flight).
 * Every vote must count once, and every decision be decided once.
 */
const NAME = 'temporal-kill';

async function killTemporal(ctx: ScenarioContext, what: string, downMs: number): Promise<void> {
  await sleep(300 + ctx.random() * 1_200);
  ctx.log(
    `SIGKILL Temporal dev server pid ${ctx.servers.pid('temporal')} (${what} in flight), down ${downMs / 1000} s`,
  );
  await ctx.servers.kill('temporal');
  await sleep(downMs);
  await ctx.servers.restart('temporal');
  ctx.log('Temporal dev server started again');
}

export const temporalKill: ChaosScenario = {
  name: NAME,
  description: 'Temporal dev server SIGKILLed while openings, then votes, are applied; restarted',
  plan: ({ short }) => approvalPlan(NAME, short ? 6 : 16),
  async run(ctx) {
    const downMs = ctx.short ? 3_000 : 20_000;
    const openings = ctx.producer.write(ctx.plan.decisions.map((d) => d.opening));
    await killTemporal(ctx, 'starts and opened activities', downMs);
    await openings;
    await ctx.produce(ctx.plan.decisions, 'openings'); // already written: waits until every decision is open
    const votes = ctx.produce(ctx.plan.decisions, 'votes');
    await killTemporal(ctx, 'vote Updates and decided activities', downMs);
    ctx.faultsEnded();
    await votes;
  },
};
