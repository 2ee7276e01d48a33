import { Injectable, type OnModuleInit } from '@nestjs/common';
import { fromOwner } from '../../../events/from-owner';
import { TalentEventRegistry } from '../../../events/talent-event-registry';
import { BindAssessor } from '../../application/bind-assessor';
import { TrackAssessorRefusals } from '../../application/track-refusals';

/** Registers the assessments feature's handlers: governance's decisions and refusals, only from its channel. */
@Injectable()
export class AssessorSubscriber implements OnModuleInit {
  constructor(
    private readonly registry: TalentEventRegistry,
    private readonly bind: BindAssessor,
    private readonly refusals: TrackAssessorRefusals,
  ) {}

  onModuleInit(): void {
    this.registry.register('assessments', {
      'sanshe.governance.decision.opened.v1': (event, manager, delivery) => {
        fromOwner(event, delivery, 'governance');
        return this.bind.opened(event, manager);
      },
      'sanshe.governance.decision.round-opened.v1': (event, manager, delivery) => {
        fromOwner(event, delivery, 'governance');
        return this.bind.roundOpened(event, manager);
      },
      'sanshe.governance.decision.decided.v1': (event, manager, delivery) => {
        fromOwner(event, delivery, 'governance');
        return this.bind.decided(event, manager);
      },
      'sanshe.governance.decision.vote-rejected.v1': (event, manager, delivery) => {
        fromOwner(event, delivery, 'governance');
        return this.refusals.voteRejected(event, manager);
      },
      'sanshe.governance.disbursement.request-refused.v1': (event, manager, delivery) => {
        fromOwner(event, delivery, 'governance');
        return this.refusals.requestRefused(event, manager);
      },
    });
  }
}
