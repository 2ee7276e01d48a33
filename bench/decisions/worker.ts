import { resolve } from 'node:path';
import { bundlerOptionsWithAliases } from '@sanshe/nest-platform/workflow-bundle';
import { NativeConnection, Worker } from '@temporalio/worker';
import type { BenchActivities } from './api';
import type { BenchConfig } from './config';

/** Its path aliases let the bundle resolve `@sanshe/…` imports, as in governance's worker. */
const TSCONFIG = resolve(__dirname, '../../tsconfig.base.json');

/** No-op fakes: the bench measures the workflow engine path, not publishing. */
const activities: BenchActivities = {
  noopActivity: async () => undefined,
  publishDecisionEvent: async () => undefined,
};

/** The bench's one worker, in this process, polling the run's own task queue. */
export class BenchWorker {
  private connection: NativeConnection | undefined;
  private worker: Worker | undefined;
  private running: Promise<void> | undefined;

  /** Bundles ./workflows and starts polling; returns the seconds Worker.create took (the bundle, mostly). */
  async start(cfg: BenchConfig, taskQueue: string): Promise<number> {
    this.connection = await NativeConnection.connect({ address: cfg.temporalAddress });
    const t0 = performance.now();
    this.worker = await Worker.create({
      connection: this.connection,
      namespace: cfg.namespace,
      taskQueue,
      workflowsPath: require.resolve('./workflows'),
      bundlerOptions: { webpackConfigHook: bundlerOptionsWithAliases(TSCONFIG) },
      activities,
    });
    const createS = (performance.now() - t0) / 1000;
    this.running = this.worker.run();
    return createS;
  }

  async stop(): Promise<void> {
    if (this.worker && this.worker.getState() === 'RUNNING') this.worker.shutdown();
    await this.running?.catch((err: unknown) => console.error(`worker stopped with: ${String(err)}`));
    await this.connection?.close();
  }
}
