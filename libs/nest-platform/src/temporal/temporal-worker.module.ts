import {
  type DynamicModule,
  Inject,
  Injectable,
  Logger,
  Module,
  type ModuleMetadata,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
  Optional,
} from '@nestjs/common';
import type { NativeConnection, Worker, WorkerOptions } from '@temporalio/worker';
import { HealthRegistry } from '../health/health-registry';
import { MetricsRegistry } from '../metrics/metrics-registry';
import { withActivityMetrics } from './activity-metrics';
import { routeTemporalLogsToPlatformLogger } from '../logging/temporal-logger';
import { errorStack } from '@sanshe/common';

export interface TemporalWorkerOptions {
  address: string;
  namespace: string;
  taskQueue: string;
  /** Module whose exports are the workflows (bundled with webpack at start-up). */
  workflowsPath?: string;
  activities?: object;
  bundlerOptions?: WorkerOptions['bundlerOptions'];
  /** A bundle prebuilt with bundleWorkflowCode, used instead of bundling workflowsPath at start-up. */
  workflowBundle?: WorkerOptions['workflowBundle'];
}

const TEMPORAL_WORKER_OPTIONS = Symbol('TEMPORAL_WORKER_OPTIONS');

/**
 * Runs one Temporal worker for the app's lifetime: created at bootstrap, drained on shutdown
 * (in-flight activities finish, then the connection closes). Reported to /health as "temporal".
 */
@Injectable()
export class TemporalWorkerHost implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('TemporalWorker');
  private connection?: NativeConnection;
  private worker?: Worker;
  private running?: Promise<void>;

  constructor(
    @Inject(TEMPORAL_WORKER_OPTIONS) private readonly options: TemporalWorkerOptions,
    health: HealthRegistry,
    @Optional() private readonly metrics?: MetricsRegistry, // activities' task latency on /metrics
  ) {
    health.register({ name: 'temporal', check: () => this.check() });
  }

  async onApplicationBootstrap(): Promise<void> {
    const { address, namespace, taskQueue, workflowsPath, activities, bundlerOptions, workflowBundle } = this.options;
    // Loaded only by a service that runs a worker: the SDK (~400 modules and its native core) costs the others
    // about 20 MiB of idle memory (docs/operations.md, "Memory").
    const temporal = await import('@temporalio/worker');
    routeTemporalLogsToPlatformLogger(temporal); // before the runtime exists: the SDK's lines join the app's JSON log
    this.connection = await temporal.NativeConnection.connect({ address });
    const tracing = (await import('./temporal-tracing')).temporalWorkerTracing({
      bundlingAtStart: !workflowBundle && !!workflowsPath,
    });
    this.worker = await temporal.Worker.create({
      connection: this.connection,
      namespace,
      taskQueue,
      ...(workflowBundle ? { workflowBundle } : workflowsPath ? { workflowsPath, bundlerOptions } : {}),
      ...(activities ? { activities } : {}),
      ...tracing,
      interceptors: withActivityMetrics(tracing.interceptors, this.metrics),
    });
    this.running = this.worker.run().catch((err: unknown) => {
      // A failed worker leaves the app up but unhealthy: /health says so, and the operator sees why here.
      this.logger.error(`worker on ${taskQueue} stopped: ${errorStack(err)}`);
    });
    this.logger.log(`polling task queue "${taskQueue}" in namespace "${namespace}" at ${address}`);
  }

  async onApplicationShutdown(): Promise<void> {
    if (this.worker?.getState() === 'RUNNING') this.worker.shutdown();
    await this.running;
    await this.connection?.close();
  }

  private async check(): Promise<Record<string, unknown>> {
    const state = this.worker?.getState() ?? 'NOT STARTED';
    if (state !== 'RUNNING') throw new Error(`worker is ${state}`);
    await this.connection?.workflowService.getSystemInfo({});
    return { taskQueue: this.options.taskQueue, namespace: this.options.namespace, worker: state };
  }
}

@Module({})
export class TemporalWorkerModule {
  static forRootAsync(options: {
    imports?: ModuleMetadata['imports'];
    inject?: never[] | unknown[];
    useFactory: (...args: never[]) => TemporalWorkerOptions;
  }): DynamicModule {
    return {
      module: TemporalWorkerModule,
      imports: options.imports ?? [],
      providers: [
        { provide: TEMPORAL_WORKER_OPTIONS, useFactory: options.useFactory, inject: (options.inject ?? []) as never[] },
        TemporalWorkerHost,
      ],
    };
  }
}
