import { resolve } from 'node:path';
import { type DynamicModule, Module } from '@nestjs/common';
import { bundlerOptionsWithAliases, TemporalWorkerModule } from '@sanshe/nest-platform';
import { type ServiceConfig, ServiceKitModule } from '@sanshe/service-kit';
import { GOVERNANCE_TASK_QUEUE, WORKFLOWS_PATH } from '@sanshe/workflows';
import { migrations } from '../migrations';

const TSCONFIG = resolve(__dirname, '../../../tsconfig.base.json');

/** Governance = the service kit plus the Temporal worker that runs the decision workflows. */
@Module({})
export class AppModule {
  static forRoot(this: void, config: ServiceConfig): DynamicModule {
    return {
      module: AppModule,
      imports: [
        ServiceKitModule.forRoot({ config, migrations }),
        TemporalWorkerModule.forRootAsync({
          useFactory: () => ({
            address: config.TEMPORAL_ADDRESS,
            namespace: config.TEMPORAL_NAMESPACE,
            taskQueue: GOVERNANCE_TASK_QUEUE,
            workflowsPath: WORKFLOWS_PATH,
            bundlerOptions: { webpackConfigHook: bundlerOptionsWithAliases(TSCONFIG) },
          }),
        }),
      ],
    };
  }
}
