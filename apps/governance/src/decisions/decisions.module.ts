import { type DynamicModule, Module } from '@nestjs/common';
import { PoliciesModule } from '../policies/policies.module';
import { ApplyDecisionUpdate } from './application/apply-decision-update';
import { DECISION_TASK_QUEUE, OpenDecision } from './application/open-decision';
import { DecisionActivitiesImpl } from './infrastructure/decision-activities';
import { TemporalClientProvider } from './infrastructure/temporal-client';
import { bridgeTopics, decisionBridgeController } from './interface/events/decision-bridge';

/** Decisions: the Kafka bridge that opens them and applies votes, and the activities their workflow runs. */
@Module({})
export class DecisionsModule {
  static forRoot(options: { portalIds: readonly string[]; taskQueue: string }): DynamicModule {
    return {
      module: DecisionsModule,
      imports: [PoliciesModule],
      controllers: [decisionBridgeController(bridgeTopics(options.portalIds))],
      providers: [
        { provide: DECISION_TASK_QUEUE, useValue: options.taskQueue },
        TemporalClientProvider,
        OpenDecision,
        ApplyDecisionUpdate,
        DecisionActivitiesImpl,
      ],
      exports: [DecisionActivitiesImpl],
    };
  }
}
