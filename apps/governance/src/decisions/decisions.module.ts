import { type DynamicModule, Module } from '@nestjs/common';
import { AdministrativeAreasModule } from '../administrative-areas/administrative-areas.module';
import { PoliciesModule } from '../policies/policies.module';
import { ApplyDecisionUpdateHandler } from './application/apply-decision-update';
import { ApplyParkedUpdatesHandler } from './application/apply-parked-updates';
import { BridgeEventRegistry } from './application/bridge-event-registry';
import { ChannelCheck } from './application/channel-check';
import { OpenDecisionHandler } from './application/open-decision';
import { ReadDecisionHandler } from './application/read-decision';
import { ReadPendingDecisionsHandler } from './application/read-pending-decisions';
import { RefuseExpiredParkedUpdatesHandler } from './application/refuse-expired-parked-updates';
import { RejectDecisionEventHandler } from './application/reject-decision-event';
import { DECISION_TASK_QUEUE, HEARD_PORTAL_IDS, TEMPORAL_UI_WORKFLOWS_URL } from './decisions.tokens';
import { BridgePortals } from './domain/bridge-portals';
import { DecisionAuditRepository } from './domain/decision-audit.repository';
import { ParkedUpdateRepository } from './domain/parked-update.repository';
import { PendingDecisionRepository } from './domain/pending-decision.repository';
import { ClosedDecisionTrailReader } from './infrastructure/closed-decision-trail';
import { DecisionMetrics } from './infrastructure/decision-metrics';
import { GovernanceActivities } from './infrastructure/governance-activities';
import { PostgresBridgePortals } from './infrastructure/heard-portals';
import { ParkedUpdateSweeper } from './infrastructure/parked-update-sweeper';
import { PostgresDecisionAuditRepository } from './infrastructure/postgres-decision-audit.repository';
import { PostgresParkedUpdateRepository } from './infrastructure/postgres-parked-update.repository';
import { PostgresPendingDecisionRepository } from './infrastructure/postgres-pending-decision.repository';
import { TemporalClientHolder } from './infrastructure/temporal-client-holder';
import { bridgeTopics, DecisionBridgeController } from './interface/events/decision-bridge.controller';
import { ProgramPolicyEvents } from './interface/events/program-policy-events';

/** The feature's Temporal client and parked-update sweeper, re-exported for the features that use them (hours). */
export { TemporalClientHolder } from './infrastructure/temporal-client-holder';
export { ParkedUpdateSweeper } from './infrastructure/parked-update-sweeper';
import { DecisionsController } from './interface/http/decisions.controller';
import { PendingDecisionsController } from './interface/http/pending-decisions.controller';

/**
 * Decisions: the Kafka bridge that opens them and applies votes (parking those that come before their
 * opening, and refusing those still parked past their bound), the activities their workflow runs,
 * the approvers' inbox (who is waiting on whom), and the audit trails of closed decisions.
 */
@Module({})
export class DecisionsModule {
  static forRoot(options: {
    /** The portals whose command topics the bridge reads (heard-portals.ts, before the module is built). */
    portalIds: readonly string[];
    taskQueue: string;
    /** The Temporal UI's list of this namespace's workflows: links in the approvers' inbox. */
    temporalUiWorkflowsUrl: string;
  }): DynamicModule {
    DecisionBridgeController.consume(bridgeTopics(options.portalIds));
    return {
      module: DecisionsModule,
      imports: [PoliciesModule, AdministrativeAreasModule],
      controllers: [DecisionBridgeController, PendingDecisionsController, DecisionsController],
      providers: [
        { provide: DECISION_TASK_QUEUE, useValue: options.taskQueue },
        { provide: TEMPORAL_UI_WORKFLOWS_URL, useValue: options.temporalUiWorkflowsUrl },
        { provide: HEARD_PORTAL_IDS, useValue: options.portalIds },
        { provide: BridgePortals, useClass: PostgresBridgePortals },
        { provide: PendingDecisionRepository, useClass: PostgresPendingDecisionRepository },
        ReadPendingDecisionsHandler,
        { provide: DecisionAuditRepository, useClass: PostgresDecisionAuditRepository },
        ReadDecisionHandler,
        ClosedDecisionTrailReader,
        TemporalClientHolder,
        OpenDecisionHandler,
        ApplyDecisionUpdateHandler,
        { provide: ParkedUpdateRepository, useClass: PostgresParkedUpdateRepository },
        ApplyParkedUpdatesHandler,
        RefuseExpiredParkedUpdatesHandler,
        ParkedUpdateSweeper,
        ChannelCheck,
        RejectDecisionEventHandler,
        GovernanceActivities,
        BridgeEventRegistry,
        // Funding's program events set the programs' own policies (registered with the bridge at init).
        ProgramPolicyEvents,
        DecisionMetrics, // open and overdue decisions on /metrics
      ],
      // Filings open decisions and apply updates through the bridge's use cases, and register their handlers.
      exports: [
        GovernanceActivities,
        BridgeEventRegistry,
        OpenDecisionHandler,
        ApplyDecisionUpdateHandler,
        ApplyParkedUpdatesHandler,
        ChannelCheck,
        RejectDecisionEventHandler,
        // The hours feature starts its workflows and sends its updates with the same client and queue.
        TemporalClientHolder,
        DECISION_TASK_QUEUE,
        // The hours feature's parked answers are swept by the same timer, under the same bound.
        ParkedUpdateSweeper,
      ],
    };
  }
}
