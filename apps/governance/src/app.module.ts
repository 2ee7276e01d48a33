import { resolve } from 'node:path';
import { type DynamicModule, Module } from '@nestjs/common';
import { bundlerOptionsWithAliases, TemporalWorkerModule } from '@sanshe/nest-platform';
import { TRACING_WORKFLOW_INTERCEPTORS } from '@sanshe/nest-platform/temporal-tracing';
import { type ServiceConfig, ServiceKitModule } from '@sanshe/service-kit';
import { WORKFLOWS_PATH } from '@sanshe/workflows';
import { migrations } from '../migrations';
import type { GovernanceConfig } from './config/governance-config';
import { GovernanceConfigModule } from './config/governance-config.module';
import { DecisionsModule } from './decisions/decisions.module';
import { DisbursementsModule } from './disbursements/disbursements.module';
import { DisbursementActivitiesProvider } from './disbursements/infrastructure/disbursement-activities';
import { GovernanceActivities } from './decisions/infrastructure/governance-activities';
import { FilingsModule } from './filings/filings.module';
import { HoursModule } from './hours/hours.module';
import { ChildDecisionActivitiesProvider } from './hours/infrastructure/child-decision-activities';
import { PartiesModule } from './parties/parties.module';
import { PoliciesModule } from './policies/policies.module';
import { PortalCommandsModule } from './portal-commands/portal-commands.module';
import { PortalsModule } from './portals/portals.module';

/**
 * How governance's workflows are bundled: at start (unset GOVERNANCE_WORKFLOW_BUNDLE) and by
 * `npm run governance:bundle`, which must build the same bundle.
 */
export const WORKFLOW_BUNDLE_OPTIONS = {
  workflowsPath: WORKFLOWS_PATH,
  // Built in, so that a prebuilt bundle traces too; without tracing, the worker's sink drops the spans.
  workflowInterceptorModules: [TRACING_WORKFLOW_INTERCEPTORS],
  webpackConfigHook: bundlerOptionsWithAliases(resolve(__dirname, '../../../tsconfig.base.json')),
};

/** A prebuilt bundle when configured (no webpack at start), else the workflows bundled at start. */
function workflowCode(bundlePath: string | undefined) {
  if (bundlePath) return { workflowBundle: { codePath: bundlePath } };
  const { workflowsPath, webpackConfigHook } = WORKFLOW_BUNDLE_OPTIONS;
  return { workflowsPath, bundlerOptions: { webpackConfigHook } };
}

/**
 * Governance = the service kit, who speaks for which party (controllers), decision policies (HTTP),
 * the Kafka bridge that opens decisions and applies votes, the approvers' inbox, and the Temporal
 * worker that runs the decision workflows and their activities.
 */
@Module({})
export class AppModule {
  static forRoot(
    this: void,
    config: ServiceConfig,
    governance: GovernanceConfig,
    /** The portals the bridge hears: heardPortalsAtBoot, read before the module is built. */
    { portalIds }: { portalIds: readonly string[] },
  ): DynamicModule {
    const decisions = DecisionsModule.forRoot({
      portalIds,
      taskQueue: governance.GOVERNANCE_TASK_QUEUE,
      temporalUiWorkflowsUrl: `${governance.GOVERNANCE_TEMPORAL_UI_URL}/namespaces/${config.TEMPORAL_NAMESPACE}/workflows`,
    });
    const hours = HoursModule.forRoot(decisions);
    const disbursements = DisbursementsModule.forRoot(decisions);
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
        PortalsModule,
        PoliciesModule,
        decisions,
        FilingsModule.forRoot(decisions),
        PortalCommandsModule.forRoot(decisions, portalIds),
        hours,
        disbursements,
        TemporalWorkerModule.forRootAsync({
          imports: [decisions, hours, disbursements],
          inject: [GovernanceActivities, ChildDecisionActivitiesProvider, DisbursementActivitiesProvider],
          useFactory: (
            activities: GovernanceActivities,
            childDecisions: ChildDecisionActivitiesProvider,
            disbursement: DisbursementActivitiesProvider,
          ) => ({
            address: config.TEMPORAL_ADDRESS,
            namespace: config.TEMPORAL_NAMESPACE,
            taskQueue: governance.GOVERNANCE_TASK_QUEUE,
            ...workflowCode(governance.GOVERNANCE_WORKFLOW_BUNDLE),
            activities: { ...activities.activities(), ...childDecisions.activities(), ...disbursement.activities() },
          }),
        }),
      ],
    };
  }
}
