import { sleep } from '@sanshe/common';
import { contextTopic } from '@sanshe/contracts';
import { approvalPlan, type Plan } from '../harness/plan';
import type { ChaosScenario, ScenarioContext } from '../harness/scenario';

const NAME = 'kafka-faults';
const POISON = [`${NAME}/poison-1`, `${NAME}/poison-2`];

/** A schema-invalid opening (no data fields), as a broken producer would send it: dead-lettered at once. */
const poison = (ctx: ScenarioContext, id: string) =>
  ctx.produceRaw(
    contextTopic('organization'),
    id,
    JSON.stringify({
      specversion: '1.0',
      id,
      source: 'sanshe/organization',
      type: 'sanshe.organization.proposal.submitted.v1',
      subject: id,
      time: new Date().toISOString(),
      datacontenttype: 'application/json',
      data: {},
    }),
  );

/**
 * Scenario 5: the Kafka broker SIGKILLed (then restarted, with log recovery) and SIGSTOPped (then
 * resumed) while the producer's relay sends, governance consumes, commits offsets, publishes decision
 * events and dead-letters a poison message produced just before the fault.
 */
export const kafkaFaults: ChaosScenario = {
  name: NAME,
  description: 'Kafka SIGKILL and SIGSTOP during relay sends, dead-letter sends and offset commits',
  plan: ({ short }): Plan => ({ ...approvalPlan(NAME, short ? 6 : 12), poison: POISON }),
  async run(ctx) {
    const half = Math.ceil(ctx.plan.decisions.length / 2);
    const [first, second] = [ctx.plan.decisions.slice(0, half), ctx.plan.decisions.slice(half)];

    await ctx.produce(first, 'openings');
    const voting = ctx.produce(first, 'votes');
    await poison(ctx, POISON[0]);
    await sleep(200 + ctx.random() * 800);
    ctx.log('Kafka SIGKILLed');
    await ctx.servers.kill('kafka');
    await sleep(2_000);
    await ctx.servers.restart('kafka');
    ctx.log('Kafka back');
    await voting;

    await ctx.produce(second, 'openings');
    const votingAgain = ctx.produce(second, 'votes');
    await poison(ctx, POISON[1]);
    await sleep(200 + ctx.random() * 800);
    const pausedMs = ctx.short ? 8_000 : 40_000;
    ctx.log(`Kafka SIGSTOPped for ${pausedMs / 1000} s`);
    ctx.servers.pause('kafka');
    await sleep(pausedMs);
    ctx.servers.resume('kafka');
    ctx.log('Kafka resumed');
    ctx.faultsEnded();
    await votingAgain;
    // Not before the broker serves again: the next scenario starts and earlier ones' oracles read Kafka next.
    await ctx.servers.serving('kafka');
  },
};
