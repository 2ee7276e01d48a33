import { type DynamicModule, Inject, Module, type OnModuleInit } from '@nestjs/common';
import type { EventHandlers } from '@sanshe/messaging';
import { BridgeEventRegistry } from '../decisions/application/bridge-event-registry';
import { ChannelCheck } from '../decisions/application/channel-check';
import { StartDisbursementHandler } from './application/start-disbursement';
import { DISBURSEMENT_EVENT_HANDLERS } from './disbursements.tokens';
import { DisbursementActivitiesProvider } from './infrastructure/disbursement-activities';
import { disbursementEventHandlers } from './interface/events/disbursement-events';

/**
 * Grant disbursement (docs/decisions.md, "Grant disbursement"): governance starts `disbursement/<grantId>` when
 * funding activates a grant, and provides the workflow's own activities (evidence claims, facts) to the worker.
 * Uses the decisions module's Temporal client, task queue and bridge registry.
 */
@Module({})
export class DisbursementsModule implements OnModuleInit {
  constructor(
    private readonly registry: BridgeEventRegistry,
    @Inject(DISBURSEMENT_EVENT_HANDLERS) private readonly handlers: EventHandlers,
  ) {}

  static forRoot(decisions: DynamicModule): DynamicModule {
    return {
      module: DisbursementsModule,
      imports: [decisions],
      providers: [
        StartDisbursementHandler,
        DisbursementActivitiesProvider,
        {
          provide: DISBURSEMENT_EVENT_HANDLERS,
          inject: [StartDisbursementHandler, ChannelCheck],
          useFactory: (start: StartDisbursementHandler, channels: ChannelCheck) =>
            disbursementEventHandlers({ start, channels }),
        },
      ],
      exports: [DisbursementActivitiesProvider, StartDisbursementHandler],
    };
  }

  /** Before the consumer starts: the bridge runs these too. */
  onModuleInit(): void {
    this.registry.register(this.handlers);
  }
}
