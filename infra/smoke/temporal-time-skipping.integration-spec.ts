import { TestWorkflowEnvironment } from '@temporalio/testing';
import { Worker } from '@temporalio/worker';
import { parseTestEnv, uniqueName } from '@sanshe/testing';

const env = parseTestEnv(process.env);
const THIRTY_DAYS_MS = 30 * 24 * 60 * 60 * 1000;

describe('Temporal time-skipping test server (the released binary infra/local fetched)', () => {
  let testEnv: TestWorkflowEnvironment;

  beforeAll(async () => {
    testEnv = await TestWorkflowEnvironment.createTimeSkipping({
      server: { executable: { type: 'existing-path', path: env.TEMPORAL_TEST_SERVER_PATH } },
    });
  });
  afterAll(() => testEnv?.teardown());

  it('completes a workflow with a 30-day timer in seconds of wall time', async () => {
    const taskQueue = uniqueName('timer');
    const worker = await Worker.create({
      connection: testEnv.nativeConnection,
      taskQueue,
      workflowsPath: require.resolve('./workflows'),
    });
    const wallStart = Date.now();
    const elapsedInWorkflow = await worker.runUntil(
      testEnv.client.workflow.execute('thirtyDayTimerWorkflow', { taskQueue, workflowId: uniqueName('timer') }),
    );
    const wallMs = Date.now() - wallStart;

    expect(elapsedInWorkflow).toBeGreaterThanOrEqual(THIRTY_DAYS_MS);
    expect(wallMs).toBeLessThan(60_000); // the point of the server: a month of workflow time, not of ours
  });
});
