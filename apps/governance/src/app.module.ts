import { resolve } from 'node:path';
import { type DynamicModule, Module } from '@nestjs/common';
import { bundlerOptionsWithAliases, TemporalWorkerModule } from '@sanshe/nest-platform';
import { type ServiceConfig, ServiceKitModule } from '@sanshe/service-kit';
import { WORKFLOWS_PATH } from '@sanshe/workflows';
import { migrations } from '../migrations';
import type { GovernanceConfig } from './config/governance-config';
import { GovernanceConfigModule } from './config/governance-config.module';
import { DecisionsModule } from './decisions/decisions.module';
import { GovernanceActivities } from './decisions/infrastructure/governance-activities';
import { PartiesModule } from './parties/parties.module';
import { PoliciesModule } from './policies/policies.module';

const TSCONFIG = resolve(__dirname, '../../../tsconfig.base.json');

/**
 * Governance = the service kit, who speaks for which party (controllers), decision policies (HTTP),
 * the Kafka bridge that opens decisions and applies votes, the approvers' inbox, and the Temporal
 * worker that runs the decision workflows and their activities.
 */
@Module({})
export class AppModule {
  static forRoot(this: void, config: ServiceConfig, governance: GovernanceConfig): DynamicModule {
    const decisions = DecisionsModule.forRoot({
      portalIds: governance.GOVERNANCE_PORTALS,
      taskQueue: governance.GOVERNANCE_TASK_QUEUE,
      temporalUiWorkflowsUrl: `${governance.GOVERNANCE_TEMPORAL_UI_URL}/namespaces/${config.TEMPORAL_NAMESPACE}/workflows`,
    });
    return {
      module: AppModule,
      imports: [
        ServiceKitModule.forRoot({
          config,
          migrations,
          consumer: { retryDelayMs: 200, retryMaxDelayMs: 30_000, deadLetterAfterMs: 6 * 3_600_000 },
        }),
        GovernanceConfigModule.forRoot(governance),
        PartiesModule.forRoot(governance.GOVERNANCE_PARTY_CONTROLLERS),
        PoliciesModule,
        decisions,
        TemporalWorkerModule.forRootAsync({
          imports: [decisions],
          inject: [GovernanceActivities],
          useFactory: (activities: GovernanceActivities) => ({
            address: config.TEMPORAL_ADDRESS,
            namespace: config.TEMPORAL_NAMESPACE,
            taskQueue: governance.GOVERNANCE_TASK_QUEUE,
            workflowsPath: WORKFLOWS_PATH,
            activities: activities.activities(),
            bundlerOptions: { webpackConfigHook: bundlerOptionsWithAliases(TSCONFIG) },
          }),
        }),
      ],
    };
  }
}
