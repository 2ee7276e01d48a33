// Workflows for `npm run bench:decisions` only: bundled into the bench worker's deterministic sandbox.
import { allHandlersFinished, condition, proxyActivities, setHandler } from '@temporalio/workflow';
import { type BenchActivities, doneSignal, noopUpdate } from './api';

/** The workflow under test, exactly as governance's worker bundles it. */
export { decisionWorkflow } from '@sanshe/workflows/sandbox';

const { noopActivity } = proxyActivities<BenchActivities>({ startToCloseTimeout: '30 seconds' });

/** Baseline A: the least a workflow with one activity can do. */
export async function oneActivityWorkflow(): Promise<void> {
  await noopActivity();
}

/** Baseline B: accepts no-op Updates until told it is done; returns how many it took. */
export async function noopUpdateWorkflow(): Promise<number> {
  let updates = 0;
  let done = false;
  setHandler(noopUpdate, () => ++updates);
  setHandler(doneSignal, () => {
    done = true;
  });
  await condition(() => done);
  await condition(allHandlersFinished);
  return updates;
}
