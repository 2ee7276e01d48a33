import { Client, Connection } from '@temporalio/client';
import { NativeConnection, Worker } from '@temporalio/worker';
import { SEARCH_ATTRIBUTES } from '@sanshe/contracts';
import { eventually, parseTestEnv, uniqueName } from '@sanshe/testing';

const env = parseTestEnv(process.env);

describe('Temporal dev server (the real one infra/local runs)', () => {
  let connection: Connection;
  let client: Client;
  let nativeConnection: NativeConnection;

  beforeAll(async () => {
    connection = await Connection.connect({ address: env.TEMPORAL_ADDRESS });
    client = new Client({ connection, namespace: env.TEMPORAL_NAMESPACE });
    nativeConnection = await NativeConnection.connect({ address: env.TEMPORAL_ADDRESS });
  });
  afterAll(async () => {
    await nativeConnection?.close();
    await connection?.close();
  });

  it('has every custom search attribute of the contracts registered on the namespace', async () => {
    const { customAttributes } = await connection.operatorService.listSearchAttributes({
      namespace: env.TEMPORAL_NAMESPACE,
    });
    expect(Object.keys(customAttributes ?? {})).toEqual(expect.arrayContaining(Object.keys(SEARCH_ATTRIBUTES)));
  });

  it('runs a workflow on a worker and finds it by a custom search attribute', async () => {
    const taskQueue = uniqueName('smoke');
    const kind = uniqueName('smoke-kind');
    const worker = await Worker.create({
      connection: nativeConnection,
      namespace: env.TEMPORAL_NAMESPACE,
      taskQueue,
      workflowsPath: require.resolve('./workflows'),
    });
    await worker.runUntil(async () => {
      expect(
        await client.workflow.execute('greetWorkflow', { taskQueue, workflowId: uniqueName('greet'), args: ['三社'] }),
      ).toBe('hello, 三社');

      const handle = await client.workflow.start('taggedWorkflow', {
        taskQueue,
        workflowId: uniqueName('tagged'),
        args: [kind],
      });
      // Visibility is eventually consistent: poll until the attribute the workflow set is indexed.
      const found = await eventually(
        async () => {
          const ids: string[] = [];
          for await (const wf of client.workflow.list({
            query: `DecisionKind = '${kind}' AND ExecutionStatus = 'Running'`,
          })) {
            ids.push(wf.workflowId);
          }
          if (ids.length === 0) throw new Error(`no workflow with DecisionKind = '${kind}' yet`);
          return ids;
        },
        { timeoutMs: 15_000, intervalMs: 250 },
      );
      expect(found).toEqual([handle.workflowId]);
      await handle.terminate('smoke test done');
    });
  });
});
