import { sleep } from '@sanshe/common';
import { approvalPlan, type PlannedDecision } from '../harness/plan';
import type { ChaosScenario, ScenarioContext } from '../harness/scenario';

const waves = (ctx: ScenarioContext): PlannedDecision[][] => {
  const size = Math.ceil(ctx.plan.decisions.length / 4);
  return [0, 1, 2, 3].map((i) => ctx.plan.decisions.slice(i * size, (i + 1) * size));
};

/** Openings applied first, then the votes written and the fault started a moment later: votes meet it. */
async function duringVotes(ctx: ScenarioContext, wave: PlannedDecision[], fault: () => Promise<void>): Promise<void> {
  await ctx.produce(wave, 'openings');
  const voting = ctx.produce(wave, 'votes');
  await sleep(100 + ctx.random() * 400);
  await fault();
  await voting;
}

/**
 * Scenario 2: during consumption, governance's PostgreSQL connections slowed and cut (the proxy), then
 * PostgreSQL crashed (`pg_ctl stop -m immediate`) for 5 s and for 150 s, then the Temporal dev server
 * SIGKILLed and kept down for 150 s (5 s each with --short). Nothing may be dead-lettered: every
 * failure is transient, and everything is applied once the server is back.
 */
export const outages: ChaosScenario = {
  name: 'outages',
  description: 'PostgreSQL slowed, cut, down 5 s and 150 s; Temporal down 150 s (5 s with --short)',
  plan: ({ short }) => approvalPlan('outages', short ? 8 : 16),
  async run(ctx) {
    const long = ctx.short ? 5_000 : 150_000;
    const [blip, shortOutage, longOutage, temporalOutage] = waves(ctx);
    await duringVotes(ctx, blip, async () => {
      ctx.log('proxy: 300 ms latency to PostgreSQL, then every connection cut');
      ctx.databaseProxy.setDelay(300);
      await sleep(3_000);
      ctx.databaseProxy.cutAll();
      ctx.databaseProxy.setDelay(0);
    });
    for (const [wave, downMs] of [
      [shortOutage, 5_000],
      [longOutage, long],
    ] as const) {
      await duringVotes(ctx, wave, async () => {
        ctx.log(`PostgreSQL crashed (immediate stop), down ${downMs / 1000} s`);
        ctx.servers.crashPostgres();
        await sleep(downMs);
        await ctx.servers.restart('postgres');
        ctx.log('PostgreSQL back');
      });
    }
    await duringVotes(ctx, temporalOutage, async () => {
      ctx.log(`Temporal dev server SIGKILLed, down ${long / 1000} s`);
      await ctx.servers.kill('temporal');
      await sleep(long);
      await ctx.servers.restart('temporal');
      ctx.log('Temporal back');
    });
    ctx.faultsEnded();
  },
};
