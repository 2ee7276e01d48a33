import { sleep } from '@sanshe/common';
import { approvalPlan } from '../harness/plan';
import type { ChaosScenario } from '../harness/scenario';

/**
 * Scenario 1: governance SIGKILLed in a loop while the producer and its relay keep writing. Before each
 * kill a new wave of the plan starts (openings, then votes), and the kill lands a random 0.3–3 s later,
 * while that wave is being consumed; governance is then started again.
 */
export const consumerKills: ChaosScenario = {
  name: 'consumer-kills',
  description: 'governance SIGKILLed at random points, in a loop, with the producer and relay running',
  plan: ({ short }) => approvalPlan('consumer-kills', short ? 9 : 28),
  async run(ctx) {
    const kills = ctx.short ? 2 : 6;
    const waves = kills + 1;
    const perWave = Math.ceil(ctx.plan.decisions.length / waves);
    const producing: Promise<void>[] = [];
    for (let k = 0; k < waves; k++) {
      producing.push(ctx.produce(ctx.plan.decisions.slice(k * perWave, (k + 1) * perWave)));
      if (k === kills) break;
      await sleep(300 + ctx.random() * 2_700);
      const [victim] = ctx.governance.running();
      ctx.log(`SIGKILL governance pid ${victim.child.pid} (wave ${k + 1} in flight)`);
      await ctx.governance.kill(victim);
      await ctx.governance.start();
    }
    ctx.faultsEnded();
    await Promise.all(producing);
  },
};
