import { type DynamicModule, Inject, Module, type OnModuleInit } from '@nestjs/common';
import type { EventHandlers } from '@sanshe/messaging';
import { AdministrativeAreasModule } from '../administrative-areas/administrative-areas.module';
import { BridgeEventRegistry } from '../decisions/application/bridge-event-registry';
import { ChannelCheck } from '../decisions/application/channel-check';
import { ParkedUpdateSweeper } from '../decisions/decisions.module';
import { PoliciesModule } from '../policies/policies.module';
import { ApplyHoursUpdateHandler } from './application/apply-hours-update';
import { RefuseExpiredParkedHoursUpdatesHandler } from './application/refuse-expired-parked-hours-updates';
import { RejectHoursUpdateHandler } from './application/reject-hours-update';
import { StartHoursConfirmationHandler } from './application/start-hours-confirmation';
import { ParkedHoursUpdateRepository } from './domain/parked-hours-update.repository';
import { TALENT_ACTIVITIES_TASK_QUEUE } from '@sanshe/workflows';
import { HOURS_EVENT_HANDLERS, TALENT_TASK_QUEUE } from './hours.tokens';
import { ChildDecisionActivitiesProvider } from './infrastructure/child-decision-activities';
import { PostgresParkedHoursUpdateRepository } from './infrastructure/postgres-parked-hours-update.repository';
import { hoursEventHandlers } from './interface/events/hours-events';

/**
 * Hours confirmed by two parties (docs/decisions.md): governance starts `hours/<hoursId>` for hours talent
 * recorded, applies the community's confirm or dispute (parking those that come first), and provides the
 * child decision's activities to the worker. Uses the decisions module's client and bridge registry.
 */
@Module({})
export class HoursModule implements OnModuleInit {
  constructor(
    private readonly registry: BridgeEventRegistry,
    @Inject(HOURS_EVENT_HANDLERS) private readonly handlers: EventHandlers,
    private readonly sweeper: ParkedUpdateSweeper,
    private readonly refuseExpired: RefuseExpiredParkedHoursUpdatesHandler,
  ) {}

  static forRoot(decisions: DynamicModule): DynamicModule {
    return {
      module: HoursModule,
      imports: [decisions, PoliciesModule, AdministrativeAreasModule],
      providers: [
        { provide: TALENT_TASK_QUEUE, useValue: TALENT_ACTIVITIES_TASK_QUEUE },
        { provide: ParkedHoursUpdateRepository, useClass: PostgresParkedHoursUpdateRepository },
        RejectHoursUpdateHandler,
        RefuseExpiredParkedHoursUpdatesHandler,
        ApplyHoursUpdateHandler,
        StartHoursConfirmationHandler,
        ChildDecisionActivitiesProvider,
        {
          provide: HOURS_EVENT_HANDLERS,
          inject: [StartHoursConfirmationHandler, ApplyHoursUpdateHandler, ChannelCheck, RejectHoursUpdateHandler],
          useFactory: (
            start: StartHoursConfirmationHandler,
            applyUpdate: ApplyHoursUpdateHandler,
            channels: ChannelCheck,
            reject: RejectHoursUpdateHandler,
          ) => hoursEventHandlers({ start, applyUpdate, channels, reject }),
        },
      ],
      exports: [ChildDecisionActivitiesProvider, StartHoursConfirmationHandler, ApplyHoursUpdateHandler],
    };
  }

  /** Before the consumer starts: the bridge runs these too; before bootstrap: the sweeper's timer starts. */
  onModuleInit(): void {
    this.registry.register(this.handlers);
    this.sweeper.register({ label: 'parked_hours_update', execute: () => this.refuseExpired.execute() });
  }
}
