import { Injectable, type OnModuleInit } from '@nestjs/common';
import { fromOwner } from '../../../events/from-owner';
import { FundingEventRegistry } from '../../../events/funding-event-registry';
import { TrackFunderSeat } from '../../application/track-funder-seat';

/**
 * Registers the funder seat's handlers, after the applications and grants features' (VotesModule imports
 * them): governance's decisions, and the proposals whose facts a waiting vote needs. Each counts only from
 * its owner's channel: anything else is dead-lettered and casts nothing.
 */
@Injectable()
export class FunderSeatSubscriber implements OnModuleInit {
  constructor(
    private readonly registry: FundingEventRegistry,
    private readonly track: TrackFunderSeat,
  ) {}

  onModuleInit(): void {
    this.registry.register('votes', {
      'sanshe.organization.proposal.submitted.v1': (event, manager, delivery) => {
        fromOwner(event, delivery, 'organization');
        return this.track.subjectChanged(event.data.proposalId, manager);
      },
      'sanshe.governance.decision.opened.v1': (event, manager, delivery) => {
        fromOwner(event, delivery, 'governance');
        return this.track.opened(event, manager);
      },
      'sanshe.governance.decision.round-opened.v1': (event, manager, delivery) => {
        fromOwner(event, delivery, 'governance');
        return this.track.roundOpened(event, manager);
      },
      'sanshe.governance.decision.decided.v1': (event, manager, delivery) => {
        fromOwner(event, delivery, 'governance');
        return this.track.decided(event, manager);
      },
      'sanshe.governance.decision.vote-rejected.v1': (event, manager, delivery) => {
        fromOwner(event, delivery, 'governance');
        return this.track.voteRejected(event, manager);
      },
    });
  }
}
