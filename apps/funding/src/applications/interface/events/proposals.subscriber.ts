import { Injectable, type OnModuleInit } from '@nestjs/common';
import { fromOwner } from '../../../events/from-owner';
import { FundingEventRegistry } from '../../../events/funding-event-registry';
import { TrackProposals } from '../../application/track-proposals';

/**
 * Registers the applications feature's handlers: the organization's proposals and governance's decisions
 * on them, each counting only from its owner's channel (anything else is dead-lettered).
 */
@Injectable()
export class ProposalsSubscriber implements OnModuleInit {
  constructor(
    private readonly registry: FundingEventRegistry,
    private readonly track: TrackProposals,
  ) {}

  onModuleInit(): void {
    this.registry.register('applications', {
      'sanshe.organization.proposal.submitted.v1': (event, manager, delivery) => {
        fromOwner(event, delivery, 'organization');
        return this.track.submitted(event, manager);
      },
      'sanshe.organization.proposal.amended.v1': (event, manager, delivery) => {
        fromOwner(event, delivery, 'organization');
        return this.track.amended(event, manager);
      },
      'sanshe.organization.proposal.withdrawn.v1': (event, manager, delivery) => {
        fromOwner(event, delivery, 'organization');
        return this.track.withdrawn(event, manager);
      },
      'sanshe.governance.decision.decided.v1': (event, manager, delivery) => {
        fromOwner(event, delivery, 'governance');
        return this.track.decided(event, manager);
      },
    });
  }
}
