import { sleep } from '@sanshe/common';
import type { AppProcess } from '@sanshe/infra';
import { groupJoins, waitUntil } from '../governance/probes';
import { approvalPlan } from '../harness/plan';
import type { ChaosScenario, ScenarioContext } from '../harness/scenario';

/** After the other instance rejoined without the zombie, a moment for it to fetch the partitions it took over. */
const TAKEOVER_MARGIN_MS = 2_000;

/**
 * Keeps the zombie stopped until the group has evicted it and `taker` has taken its partitions over (taker's
 * consumer joined the group again: a rebalance can complete without the zombie only once it was evicted), and
 * at least the session timeout. The full run keeps it stopped the session timeout + 20 s, and checks the same.
 */
async function pausedUntilTakenOver(ctx: ScenarioContext, zombie: AppProcess, taker: AppProcess): Promise<void> {
  const joinsBefore = groupJoins(taker);
  const tookOver = () => groupJoins(taker) > joinsBefore;
  const pausedAt = Date.now();
  ctx.log(`governance pid ${zombie.child.pid} SIGSTOPped`);
  ctx.governance.signal(zombie, 'SIGSTOP');
  try {
    if (ctx.short) {
      await waitUntil('the other instance taking the partitions over', ctx.sessionTimeoutMs + 60_000, async () =>
        tookOver(),
      );
      await sleep(Math.max(0, pausedAt + ctx.sessionTimeoutMs - Date.now()) + TAKEOVER_MARGIN_MS);
    } else {
      await sleep(ctx.sessionTimeoutMs + 20_000);
    }
  } finally {
    ctx.governance.signal(zombie, 'SIGCONT');
  }
  ctx.log(`resumed after ${(Date.now() - pausedAt) / 1000} s: a zombie until it rejoins the group`);
  if (!tookOver()) throw new Error('the other instance did not rejoin its group while governance was stopped');
}

/**
 * Scenario 7: two governance instances share the group; one is SIGSTOPped past the session timeout while
 * votes arrive, until the other has taken its partitions over (it rejoined the group); then it is resumed
 * (a zombie, with whatever batch and offset commit it had in flight) and more votes arrive. No effect may
 * be applied twice.
 */
export const zombieConsumer: ChaosScenario = {
  name: 'zombie-consumer',
  description: 'a governance instance SIGSTOPped past its session timeout, a second takes over, then SIGCONT',
  plan: ({ short }) => approvalPlan('zombie-consumer', short ? 6 : 12),
  async run(ctx) {
    const third = Math.ceil(ctx.plan.decisions.length / 3);
    const waves = [0, 1, 2].map((i) => ctx.plan.decisions.slice(i * third, (i + 1) * third));
    const [zombie] = ctx.governance.running();
    const taker = await ctx.governance.start();
    await ctx.produce(waves[0]);

    await ctx.produce(waves[1], 'openings');
    const voting = ctx.produce(waves[1], 'votes');
    await sleep(ctx.random() * 300);
    // Past the session timeout, so that the group evicts the paused consumer and the other takes over.
    await pausedUntilTakenOver(ctx, zombie, taker);
    ctx.faultsEnded();
    await voting;
    await ctx.produce(waves[2]);
  },
};
