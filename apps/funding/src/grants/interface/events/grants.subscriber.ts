import { Injectable, type OnModuleInit } from '@nestjs/common';
import { fromOwner } from '../../../events/from-owner';
import { FundingEventRegistry } from '../../../events/funding-event-registry';
import { ApplyGrantDecision } from '../../application/apply-grant-decision';
import { TrackGrantTriggers } from '../../application/track-grant-triggers';

/**
 * Registers the grants feature's handlers, after the applications feature's (GrantsModule imports it):
 * on proposal.submitted and an activity proposal's decided, the application they may just have made is
 * auto-awarded; a grant-award's decided activates or voids the grant; a deregistration voids awarded grants.
 * Each counts only from its owner's channel (a decided from anywhere else is dead-lettered, never applied).
 */
@Injectable()
export class GrantsSubscriber implements OnModuleInit {
  constructor(
    private readonly registry: FundingEventRegistry,
    private readonly decisions: ApplyGrantDecision,
    private readonly triggers: TrackGrantTriggers,
  ) {}

  onModuleInit(): void {
    this.registry.register('grants', {
      'sanshe.organization.proposal.submitted.v1': (event, manager, delivery) => {
        fromOwner(event, delivery, 'organization');
        return this.triggers.autoAward(event.data.proposalId, manager);
      },
      'sanshe.organization.organization.updated.v1': (event, manager, delivery) => {
        fromOwner(event, delivery, 'organization');
        return this.triggers.organizationUpdated(event, manager);
      },
      'sanshe.governance.decision.decided.v1': async (event, manager, delivery) => {
        fromOwner(event, delivery, 'governance');
        if (event.data.kind === 'activity-proposal') return this.triggers.autoAward(event.data.subjectId, manager);
        return this.decisions.decided(event, manager);
      },
    });
  }
}
