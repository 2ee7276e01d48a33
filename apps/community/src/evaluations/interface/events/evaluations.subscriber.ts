import { Injectable, type OnModuleInit } from '@nestjs/common';
import { CommunityEventRegistry } from '../../../events/community-event-registry';
import { RecordCompletedActivityHandler } from '../../application/record-completed-activity';

/** Registers what evaluations does with incoming events: a completed activity becomes evaluable. */
@Injectable()
export class EvaluationsSubscriber implements OnModuleInit {
  constructor(
    private readonly registry: CommunityEventRegistry,
    private readonly recordCompleted: RecordCompletedActivityHandler,
  ) {}

  onModuleInit(): void {
    this.registry.register('evaluations', {
      'sanshe.organization.activity.completed.v1': async (event, manager) => {
        await this.recordCompleted.execute(manager, event.data);
      },
    });
  }
}
