import { type DynamicModule, Inject, Module, type OnModuleInit } from '@nestjs/common';
import type { EventHandlers } from '@sanshe/messaging';
import { BridgeEventRegistry } from '../decisions/application/bridge-event-registry';
import { ChannelCheck } from '../decisions/application/channel-check';
import { ParkedUpdateSweeper } from '../decisions/decisions.module';
import { ControllerMap } from '../parties/domain/controller-map';
import { ApplyDisbursementRequestHandler } from './application/apply-disbursement-request';
import { ApplyEvidenceHandler } from './application/apply-evidence';
import { OperateDisbursementHandler } from './application/operate-disbursement';
import { RefuseDisbursementRequestHandler } from './application/refuse-disbursement-request';
import { RefuseExpiredParkedEvidenceHandler } from './application/refuse-expired-parked-evidence';
import { RetryParkedEvidenceHandler } from './application/retry-parked-evidence';
import { SignalPaymentSettledHandler } from './application/signal-payment-settled';
import { StartDisbursementHandler } from './application/start-disbursement';
import { DISBURSEMENT_EVENT_HANDLERS, DISBURSEMENT_REQUEST_EVENT_HANDLERS } from './disbursements.tokens';
import { DisbursementActivitiesProvider } from './infrastructure/disbursement-activities';
import { DisbursementGrants } from './infrastructure/disbursement-grants';
import { ParkedDisbursementEvidence } from './infrastructure/parked-disbursement-evidence';
import { disbursementEventHandlers } from './interface/events/disbursement-events';
import { disbursementRequestEventHandlers } from './interface/events/disbursement-request-events';
import { tranchePaidEventHandlers } from './interface/events/tranche-paid-events';
import { DisbursementsController } from './interface/http/disbursements.controller';
import { DisbursementMetrics } from './infrastructure/disbursement-metrics';

/**
 * Grant disbursement (docs/decisions.md, "Grant disbursement"): governance starts `disbursement/<grantId>` when
 * funding activates a grant, applies the organization's milestone evidence (parking what comes first, refused past
 * its TTL), applies the parties' requests (objections, clawbacks, cancellations; refusals answered), and provides the workflow's own activities (evidence claims, facts) to the worker.
 * Operators read its state and retry a stuck payment over HTTP. Uses the decisions module's Temporal client, task queue and bridge registry.
 */
@Module({})
export class DisbursementsModule implements OnModuleInit {
  constructor(
    private readonly registry: BridgeEventRegistry,
    @Inject(DISBURSEMENT_EVENT_HANDLERS) private readonly handlers: EventHandlers,
    private readonly sweeper: ParkedUpdateSweeper,
    private readonly retryParked: RetryParkedEvidenceHandler,
    @Inject(DISBURSEMENT_REQUEST_EVENT_HANDLERS) private readonly requestHandlers: EventHandlers,
    private readonly refuseExpired: RefuseExpiredParkedEvidenceHandler,
  ) {}

  static forRoot(decisions: DynamicModule): DynamicModule {
    return {
      module: DisbursementsModule,
      imports: [decisions],
      controllers: [DisbursementsController],
      providers: [
        OperateDisbursementHandler,
        ParkedDisbursementEvidence,
        ApplyEvidenceHandler,
        RetryParkedEvidenceHandler,
        StartDisbursementHandler,
        SignalPaymentSettledHandler,
        DisbursementActivitiesProvider,
        DisbursementGrants,
        RefuseDisbursementRequestHandler,
        ApplyDisbursementRequestHandler,
        RefuseExpiredParkedEvidenceHandler,
        DisbursementMetrics, // running disbursements by stage on /metrics
        {
          provide: DISBURSEMENT_EVENT_HANDLERS,
          inject: [
            StartDisbursementHandler,
            ApplyEvidenceHandler,
            SignalPaymentSettledHandler,
            ChannelCheck,
            RefuseDisbursementRequestHandler,
          ],
          useFactory: (
            start: StartDisbursementHandler,
            applyEvidence: ApplyEvidenceHandler,
            settled: SignalPaymentSettledHandler,
            channels: ChannelCheck,
            refuse: RefuseDisbursementRequestHandler,
          ) => ({
            ...disbursementEventHandlers({ start, applyEvidence, channels, refuse }),
            ...tranchePaidEventHandlers(settled, channels),
          }),
        },
        {
          provide: DISBURSEMENT_REQUEST_EVENT_HANDLERS,
          inject: [
            ApplyDisbursementRequestHandler,
            RefuseDisbursementRequestHandler,
            ChannelCheck,
            DisbursementGrants,
            ControllerMap,
          ],
          useFactory: (
            apply: ApplyDisbursementRequestHandler,
            refuse: RefuseDisbursementRequestHandler,
            channels: ChannelCheck,
            grants: DisbursementGrants,
            controllers: ControllerMap,
          ) => disbursementRequestEventHandlers({ apply, refuse, channels, grants, controllers }),
        },
      ],
      exports: [DisbursementActivitiesProvider, StartDisbursementHandler],
    };
  }

  /** Before the consumer starts: the bridge runs these too; before bootstrap: the sweeper's timer retries. */
  onModuleInit(): void {
    this.registry.register(this.handlers);
    this.registry.register(this.requestHandlers);
    this.sweeper.register({ label: 'parked_disbursement_evidence', execute: () => this.retryParked.execute() });
    this.sweeper.register({
      label: 'parked_disbursement_evidence (expired)',
      execute: () => this.refuseExpired.execute(),
    });
  }
}
