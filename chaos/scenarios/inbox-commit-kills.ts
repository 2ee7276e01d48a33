import { approvalPlan } from '../harness/plan';
import type { ChaosScenario, ScenarioContext } from '../harness/scenario';

const INBOX_INSERT = /INSERT INTO \S*inbox\b/;
const COMMIT = /COMMIT/;

/**
 * Arms the PostgreSQL proxy to SIGKILL governance at the next inbox transaction's commit: `before`, when
 * the app sends COMMIT (dropped: the transaction never commits), or `after`, when PostgreSQL answers it
 * (the reply dropped: committed, but governance never learns it, so its Kafka offset is never committed).
 * Resolves with the connection it fired on. No change to the code under test: the proxy reads the
 * PostgreSQL protocol as it passes.
 */
function killAtInboxCommit(ctx: ScenarioContext, when: 'before' | 'after'): Promise<void> {
  const [victim] = ctx.governance.running();
  const inboxOpen = new Set<number>();
  return new Promise((resolve) => {
    ctx.databaseProxy.tap = (chunk, toServer, connection) => {
      const text = chunk.toString('latin1');
      if (toServer && INBOX_INSERT.test(text)) inboxOpen.add(connection);
      const atPoint = when === 'before' ? toServer : !toServer;
      if (!atPoint || !inboxOpen.has(connection) || !COMMIT.test(text)) return false;
      ctx.databaseProxy.tap = undefined;
      victim.child.kill('SIGKILL');
      ctx.log(`SIGKILL governance pid ${victim.child.pid} ${when} an inbox COMMIT (connection ${connection})`);
      resolve();
      return true;
    };
  });
}

/**
 * Scenario 1, at the crash windows: governance SIGKILLed exactly before and exactly after an inbox
 * transaction commits (found by the PostgreSQL proxy), alternately, each while a wave of the plan is
 * being consumed, then started again.
 */
export const inboxCommitKills: ChaosScenario = {
  name: 'inbox-commit-kills',
  description: 'governance SIGKILLed just before and just after the inbox COMMIT, alternately',
  plan: ({ short }) => approvalPlan('inbox-commit-kills', short ? 6 : 16),
  async run(ctx) {
    const kills = ctx.short ? 2 : 6;
    const size = Math.ceil(ctx.plan.decisions.length / kills);
    for (let k = 0; k < kills; k++) {
      const killed = killAtInboxCommit(ctx, k % 2 === 0 ? 'before' : 'after');
      const wave = ctx.produce(ctx.plan.decisions.slice(k * size, (k + 1) * size));
      await killed;
      await ctx.governance.kill(ctx.governance.running()[0]);
      ctx.databaseProxy.cutAll();
      await ctx.governance.start();
      await wave;
    }
    ctx.faultsEnded();
  },
};
