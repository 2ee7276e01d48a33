import { sleep } from '@sanshe/common';
import { approvalPlan } from '../harness/plan';
import type { ChaosScenario } from '../harness/scenario';

/**
 * Scenario 7: two governance instances share the group; one is SIGSTOPped past the session timeout while
 * votes arrive, so the other takes its partitions over; then it is resumed (a zombie, with whatever batch
 * and offset commit it had in flight) and more votes arrive. No effect may be applied twice.
 */
export const zombieConsumer: ChaosScenario = {
  name: 'zombie-consumer',
  description: 'a governance instance SIGSTOPped past its session timeout, a second takes over, then SIGCONT',
  plan: ({ short }) => approvalPlan('zombie-consumer', short ? 6 : 12),
  async run(ctx) {
    const third = Math.ceil(ctx.plan.decisions.length / 3);
    const waves = [0, 1, 2].map((i) => ctx.plan.decisions.slice(i * third, (i + 1) * third));
    const [zombie] = ctx.governance.running();
    await ctx.governance.start();
    await ctx.produce(waves[0]);

    await ctx.produce(waves[1], 'openings');
    const voting = ctx.produce(waves[1], 'votes');
    await sleep(ctx.random() * 300);
    // Past the session timeout, so that the group evicts the paused consumer and the other takes over.
    const pausedMs = ctx.sessionTimeoutMs + (ctx.short ? 8_000 : 20_000);
    ctx.log(`governance pid ${zombie.child.pid} SIGSTOPped for ${pausedMs / 1000} s`);
    ctx.governance.signal(zombie, 'SIGSTOP');
    await sleep(pausedMs);
    ctx.governance.signal(zombie, 'SIGCONT');
    ctx.log('resumed: a zombie until it rejoins the group');
    ctx.faultsEnded();
    await voting;
    await ctx.produce(waves[2]);
  },
};
