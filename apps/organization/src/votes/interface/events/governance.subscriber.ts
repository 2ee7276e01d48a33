import { Injectable, type OnModuleInit } from '@nestjs/common';
import { fromOwner } from '../../../events/from-owner';
import { OrganizationEventRegistry } from '../../../events/organization-event-registry';
import { TrackGovernance } from '../../application/track-governance';

/**
 * Registers the votes feature's handlers of governance's decision and filing events with the service's
 * one consumer. Each counts only from governance's channel: anything else is dead-lettered.
 */
@Injectable()
export class GovernanceSubscriber implements OnModuleInit {
  constructor(
    private readonly registry: OrganizationEventRegistry,
    private readonly track: TrackGovernance,
  ) {}

  onModuleInit(): void {
    this.registry.register('votes', {
      'sanshe.governance.decision.opened.v1': (event, manager, delivery) => {
        fromOwner(event, delivery, 'governance');
        return this.track.opened(event, manager);
      },
      'sanshe.governance.decision.round-opened.v1': (event, manager, delivery) => {
        fromOwner(event, delivery, 'governance');
        return this.track.roundOpened(event, manager);
      },
      'sanshe.governance.decision.deliberation-opened.v1': (event, manager, delivery) => {
        fromOwner(event, delivery, 'governance');
        return this.track.moved(event, 'deliberation-opened', manager);
      },
      'sanshe.governance.decision.escalated.v1': (event, manager, delivery) => {
        fromOwner(event, delivery, 'governance');
        return this.track.moved(event, 'escalated', manager);
      },
      'sanshe.governance.decision.decided.v1': (event, manager, delivery) => {
        fromOwner(event, delivery, 'governance');
        return this.track.decided(event, manager);
      },
      'sanshe.governance.decision.vote-rejected.v1': (event, manager, delivery) => {
        fromOwner(event, delivery, 'governance');
        return this.track.voteRejected(event, manager);
      },
      'sanshe.governance.filing.noticed.v1': (event, manager, delivery) => {
        fromOwner(event, delivery, 'governance');
        return this.track.filingNoticed(event, manager);
      },
      'sanshe.governance.filing.called-in.v1': (event, manager, delivery) => {
        fromOwner(event, delivery, 'governance');
        return this.track.filingCalledIn(event, manager);
      },
      'sanshe.governance.filing.withdrawn.v1': (event, manager, delivery) => {
        fromOwner(event, delivery, 'governance');
        return this.track.filingWithdrawn(event, manager);
      },
    });
  }
}
