import { type DynamicModule, Module } from '@nestjs/common';
import { PoliciesModule } from '../policies/policies.module';
import { ApplyDecisionUpdateHandler } from './application/apply-decision-update';
import { OpenDecisionHandler } from './application/open-decision';
import { DECISION_TASK_QUEUE } from './decisions.tokens';
import { GovernanceActivities } from './infrastructure/governance-activities';
import { TemporalClientHolder } from './infrastructure/temporal-client-holder';
import { bridgeTopics, DecisionBridgeController } from './interface/events/decision-bridge.controller';

/** Decisions: the Kafka bridge that opens them and applies votes, and the activities their workflow runs. */
@Module({})
export class DecisionsModule {
  static forRoot(options: { portalIds: readonly string[]; taskQueue: string }): DynamicModule {
    DecisionBridgeController.consume(bridgeTopics(options.portalIds));
    return {
      module: DecisionsModule,
      imports: [PoliciesModule],
      controllers: [DecisionBridgeController],
      providers: [
        { provide: DECISION_TASK_QUEUE, useValue: options.taskQueue },
        TemporalClientHolder,
        OpenDecisionHandler,
        ApplyDecisionUpdateHandler,
        GovernanceActivities,
      ],
      exports: [GovernanceActivities],
    };
  }
}
