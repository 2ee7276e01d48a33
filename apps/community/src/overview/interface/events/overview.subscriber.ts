import { Injectable, type OnModuleInit } from '@nestjs/common';
import { CommunityEventRegistry } from '../../../events/community-event-registry';
import { RecordOverviewFactsHandler } from '../../application/record-overview-facts';

/** Registers the events the overview is built from: proposals, activities, decisions, grants. */
@Injectable()
export class OverviewSubscriber implements OnModuleInit {
  constructor(
    private readonly registry: CommunityEventRegistry,
    private readonly facts: RecordOverviewFactsHandler,
  ) {}

  onModuleInit(): void {
    const facts = this.facts;
    this.registry.register('overview', {
      'sanshe.organization.proposal.submitted.v1': (event, manager, delivery) =>
        facts.proposalSubmitted(manager, event, delivery),
      'sanshe.organization.proposal.amended.v1': (event, manager, delivery) =>
        facts.proposalAmended(manager, event, delivery),
      'sanshe.organization.activity.completed.v1': (event, manager) => facts.activityCompleted(manager, event),
      'sanshe.governance.decision.opened.v1': (event, manager) => facts.decisionOpened(manager, event),
      'sanshe.governance.decision.escalated.v1': (event, manager) => facts.decisionEscalated(manager, event),
      'sanshe.governance.decision.decided.v1': (event, manager) => facts.decisionDecided(manager, event),
      'sanshe.funding.grant.awarded.v1': (event, manager) => facts.grantAwarded(manager, event),
    });
  }
}
