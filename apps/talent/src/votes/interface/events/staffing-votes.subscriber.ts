import { Injectable, type OnModuleInit } from '@nestjs/common';
import { fromOwner } from '../../../events/from-owner';
import { TalentEventRegistry } from '../../../events/talent-event-registry';
import { TrackStaffingVotes } from '../../application/track-staffing-votes';

/**
 * Registers the votes feature's handlers: the organization's proposals (their staffing plans) and
 * governance's decisions. Each counts only from its owner's channel: anything else is dead-lettered.
 */
@Injectable()
export class StaffingVotesSubscriber implements OnModuleInit {
  constructor(
    private readonly registry: TalentEventRegistry,
    private readonly track: TrackStaffingVotes,
  ) {}

  onModuleInit(): void {
    this.registry.register('votes', {
      'sanshe.organization.proposal.submitted.v1': (event, manager, delivery) => {
        fromOwner(event, delivery, 'organization');
        return this.track.submitted(event, manager);
      },
      'sanshe.organization.proposal.filed.v1': (event, manager, delivery) => {
        fromOwner(event, delivery, 'organization');
        return this.track.submitted(event, manager);
      },
      'sanshe.organization.proposal.amended.v1': (event, manager, delivery) => {
        fromOwner(event, delivery, 'organization');
        return this.track.amended(event, manager);
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
