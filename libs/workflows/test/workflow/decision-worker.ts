import { WorkflowUpdateFailedError, type WorkflowHandle } from '@temporalio/client';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { Worker } from '@temporalio/worker';
import { createTimeSkippingEnv, parseTestEnv, uniqueName, testWorkflowCode } from '@sanshe/testing';
import { refusalOf, WORKFLOWS_PATH } from '../../src';
import type { DecisionInput } from '../../src/decision/decision.api';
import type { DecisionEventToPublish } from '../../src/decision/decision-records';
import type { decisionWorkflow } from '../../src/decision/decision.workflow';
import type { RefusalCode } from '../../src/decision/domain/refusals';

/**
 * A decision worker on the time-skipping test server for one spec file: registers its own beforeAll and
 * afterAll, records what the workflow publishes, and starts decisions on its task queue.
 */
export function useDecisionWorker() {
  const env = parseTestEnv(process.env);
  const taskQueue = uniqueName('decisions');
  const published: DecisionEventToPublish[] = [];
  let testEnv: TestWorkflowEnvironment | undefined;
  let worker: Worker | undefined;
  let running: Promise<void> | undefined;

  beforeAll(async () => {
    testEnv = await createTimeSkippingEnv(env.TEMPORAL_TEST_SERVER_PATH);
    worker = await Worker.create({
      connection: testEnv.nativeConnection,
      taskQueue,
      ...testWorkflowCode(WORKFLOWS_PATH),
      activities: {
        publishDecisionEvent: async (event: DecisionEventToPublish) => {
          published.push(event);
        },
      },
    });
    running = worker.run();
  }, 120_000);
  afterAll(async () => {
    worker?.shutdown();
    await running;
    await testEnv?.teardown();
  });

  const environment = () => {
    if (!testEnv) throw new Error('the test environment is not up (beforeAll failed?)');
    return testEnv;
  };
  return {
    environment,
    start: (input: DecisionInput) =>
      environment().client.workflow.start<typeof decisionWorkflow>('decisionWorkflow', {
        taskQueue,
        workflowId: input.decisionId,
        args: [input],
      }),
    eventsOf: (handle: WorkflowHandle) => published.filter((e) => e.decisionId === handle.workflowId),
  };
}

/** The update was refused by its validator with `code`. */
export async function expectRefused(promise: Promise<unknown>, code: RefusalCode): Promise<void> {
  const error = await promise.then(
    () => undefined,
    (err: unknown) => err,
  );
  expect(error).toBeInstanceOf(WorkflowUpdateFailedError);
  expect(refusalOf(error)?.code).toBe(code);
}
