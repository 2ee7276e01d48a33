import { Injectable, type OnModuleInit } from '@nestjs/common';
import { contextTopic, type SansheEvent } from '@sanshe/contracts';
import { type Delivery, PermanentEventError } from '@sanshe/messaging';
import { CommunityEventRegistry } from '../../../events/community-event-registry';
import { TrackActivityProposalHandler } from '../../application/track-activity-proposal';

/**
 * A fact about a proposal counts only from its owner's channel: the organization's proposal, governance's
 * outcome. Anything else (a portal writing on a context's topic, say) is dead-lettered, not applied.
 */
function fromOwner(event: SansheEvent, delivery: Delivery, context: 'organization' | 'governance'): void {
  if (delivery.topic !== contextTopic(context) || event.source !== `sanshe/${context}`) {
    throw new PermanentEventError(
      `wrong-channel: ${event.type} counts only from sanshe/${context} on ${contextTopic(context)}, ` +
        `not from ${event.source} on ${delivery.topic}`,
    );
  }
}

/** Maps the proposal's events to the TrackActivityProposal use case, passing the inbox's transaction on. */
@Injectable()
export class ActivityProposalSubscriber implements OnModuleInit {
  constructor(
    private readonly registry: CommunityEventRegistry,
    private readonly track: TrackActivityProposalHandler,
  ) {}

  onModuleInit(): void {
    this.registry.register('needs', {
      'sanshe.organization.proposal.submitted.v1': async (event, manager, delivery) => {
        fromOwner(event, delivery, 'organization');
        const { proposalId, organizationId, communityCode, title, needId } = event.data;
        await this.track.submitted(manager, {
          proposalId,
          organizationId,
          communityCode,
          title,
          ...(needId ? { needId } : {}),
        });
      },
      'sanshe.governance.decision.decided.v1': async (event, manager, delivery) => {
        if (event.data.kind !== 'activity-proposal') return;
        fromOwner(event, delivery, 'governance');
        const { subjectId, decisionId, communityCode, result } = event.data;
        await this.track.decided(manager, { proposalId: subjectId, decisionId, communityCode, result });
      },
    });
  }
}
