import { type DynamicModule, Inject, Module, type OnModuleInit } from '@nestjs/common';
import type { EventHandlers } from '@sanshe/messaging';
import { BridgeEventRegistry } from '../decisions/application/bridge-event-registry';
import { ChannelCheck } from '../decisions/application/channel-check';
import { ParkedUpdateSweeper } from '../decisions/decisions.module';
import { ApplyEvidenceHandler } from './application/apply-evidence';
import { OperateDisbursementHandler } from './application/operate-disbursement';
import { RetryParkedEvidenceHandler } from './application/retry-parked-evidence';
import { SignalPaymentSettledHandler } from './application/signal-payment-settled';
import { StartDisbursementHandler } from './application/start-disbursement';
import { DISBURSEMENT_EVENT_HANDLERS } from './disbursements.tokens';
import { DisbursementActivitiesProvider } from './infrastructure/disbursement-activities';
import { ParkedDisbursementEvidence } from './infrastructure/parked-disbursement-evidence';
import { disbursementEventHandlers } from './interface/events/disbursement-events';
import { tranchePaidEventHandlers } from './interface/events/tranche-paid-events';
import { DisbursementsController } from './interface/http/disbursements.controller';

/**
 * Grant disbursement (docs/decisions.md, "Grant disbursement"): governance starts `disbursement/<grantId>` when
 * funding activates a grant, applies the organization's milestone evidence (parking what comes first), and provides the workflow's own activities (evidence claims, facts) to the worker.
 * Operators read its state and retry a stuck payment over HTTP. Uses the decisions module's Temporal client, task queue and bridge registry.
 */
@Module({})
export class DisbursementsModule implements OnModuleInit {
  constructor(
    private readonly registry: BridgeEventRegistry,
    @Inject(DISBURSEMENT_EVENT_HANDLERS) private readonly handlers: EventHandlers,
    private readonly sweeper: ParkedUpdateSweeper,
    private readonly retryParked: RetryParkedEvidenceHandler,
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
        {
          provide: DISBURSEMENT_EVENT_HANDLERS,
          inject: [StartDisbursementHandler, ApplyEvidenceHandler, SignalPaymentSettledHandler, ChannelCheck],
          useFactory: (
            start: StartDisbursementHandler,
            applyEvidence: ApplyEvidenceHandler,
            settled: SignalPaymentSettledHandler,
            channels: ChannelCheck,
          ) => ({
            ...disbursementEventHandlers({ start, applyEvidence, channels }),
            ...tranchePaidEventHandlers(settled, channels),
          }),
        },
      ],
      exports: [DisbursementActivitiesProvider, StartDisbursementHandler],
    };
  }

  /** Before the consumer starts: the bridge runs these too; before bootstrap: the sweeper's timer retries. */
  onModuleInit(): void {
    this.registry.register(this.handlers);
    this.sweeper.register({ label: 'parked_disbursement_evidence', execute: () => this.retryParked.execute() });
  }
}
