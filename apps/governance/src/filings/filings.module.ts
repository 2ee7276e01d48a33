import { type DynamicModule, Inject, Module, type OnModuleInit } from '@nestjs/common';
import type { EventHandlers } from '@sanshe/messaging';
import { AdministrativeAreasModule } from '../administrative-areas/administrative-areas.module';
import { BridgeEventRegistry } from '../decisions/application/bridge-event-registry';
import { ChannelCheck } from '../decisions/application/channel-check';
import { RejectDecisionEventHandler } from '../decisions/application/reject-decision-event';
import { PoliciesModule } from '../policies/policies.module';
import { CallFilingInHandler } from './application/call-filing-in';
import { CloseFilingHandler } from './application/close-filing';
import { NoticeFilingHandler } from './application/notice-filing';
import { ReadFilingHandler } from './application/read-filing';
import { RequestCallInHandler } from './application/request-call-in';
import { FilingRepository } from './domain/filing.repository';
import { FILING_EVENT_HANDLERS } from './filings.tokens';
import { PostgresFilingRepository } from './infrastructure/postgres-filing.repository';
import { filingEventHandlers } from './interface/events/filing-events';
import { FilingsController } from './interface/http/filings.controller';

/**
 * Filing instead of approval (docs/decisions.md): governance notices filed activities, judges call-ins,
 * and opens the decision once parties of two controllers called one in. Uses the decisions feature's use
 * cases (the `decisions` module instance the app built) and registers its event handlers with its bridge.
 */
@Module({})
export class FilingsModule implements OnModuleInit {
  constructor(
    private readonly registry: BridgeEventRegistry,
    @Inject(FILING_EVENT_HANDLERS) private readonly handlers: EventHandlers,
  ) {}

  static forRoot(decisions: DynamicModule): DynamicModule {
    return {
      module: FilingsModule,
      imports: [decisions, PoliciesModule, AdministrativeAreasModule],
      controllers: [FilingsController],
      providers: [
        { provide: FilingRepository, useClass: PostgresFilingRepository },
        CallFilingInHandler,
        RequestCallInHandler,
        NoticeFilingHandler,
        CloseFilingHandler,
        ReadFilingHandler,
        {
          provide: FILING_EVENT_HANDLERS,
          inject: [
            NoticeFilingHandler,
            RequestCallInHandler,
            CloseFilingHandler,
            ChannelCheck,
            RejectDecisionEventHandler,
          ],
          useFactory: (
            notice: NoticeFilingHandler,
            requestCallIn: RequestCallInHandler,
            close: CloseFilingHandler,
            channels: ChannelCheck,
            reject: RejectDecisionEventHandler,
          ) => filingEventHandlers({ notice, requestCallIn, close, channels, reject }),
        },
      ],
    };
  }

  /** Before the consumer starts (Nest connects microservices after init): the bridge runs these too. */
  onModuleInit(): void {
    this.registry.register(this.handlers);
  }
}
