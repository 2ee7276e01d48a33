import { Injectable, type OnModuleInit } from '@nestjs/common';
import { contextTopic, type EventType, type SansheEvent } from '@sanshe/contracts';
import { type Delivery, type EventHandler, PermanentEventError } from '@sanshe/messaging';
import type { EntityManager } from 'typeorm';
import { CommunityEventRegistry } from '../../../events/community-event-registry';
import { TrackDecisions } from '../../application/track-decisions';
import { TrackFilings } from '../../application/track-filings';

const GOVERNANCE_TOPIC = contextTopic('governance');
const GOVERNANCE_SOURCE = 'sanshe/governance';

/**
 * A decision or filing fact counts only from governance's channel (its source on its topic): anything
 * else (a portal writing on the topic, say) is dead-lettered, never a seat, a filing or a refusal.
 */
function fromGovernance<T extends EventType>(
  track: (event: SansheEvent<T>, manager: EntityManager) => Promise<void>,
): EventHandler<T> {
  return async (event: SansheEvent<T>, manager: EntityManager, delivery: Delivery) => {
    if (delivery.topic !== GOVERNANCE_TOPIC || event.source !== GOVERNANCE_SOURCE) {
      throw new PermanentEventError(
        `wrong-channel: ${event.type} counts only from ${GOVERNANCE_SOURCE} on ${GOVERNANCE_TOPIC}, ` +
          `not from ${event.source} on ${delivery.topic}`,
      );
    }
    return track(event, manager);
  };
}

/**
 * Registers the votes feature's handlers of governance's decision and filing events with the service's
 * one consumer. A vote-rejected may be about a vote or a call-in: each marks only its own, by event id.
 */
@Injectable()
export class DecisionEventsSubscriber implements OnModuleInit {
  constructor(
    private readonly registry: CommunityEventRegistry,
    private readonly track: TrackDecisions,
    private readonly filings: TrackFilings,
  ) {}

  onModuleInit(): void {
    this.registry.register('votes', {
      'sanshe.governance.decision.opened.v1': fromGovernance((event, manager) => this.track.opened(event, manager)),
      'sanshe.governance.decision.round-opened.v1': fromGovernance((event, manager) =>
        this.track.roundOpened(event, manager),
      ),
      'sanshe.governance.decision.deliberation-opened.v1': fromGovernance((event, manager) =>
        this.track.moved(event.data.decisionId, 'deliberation-opened', manager),
      ),
      'sanshe.governance.decision.escalated.v1': fromGovernance((event, manager) =>
        this.track.moved(event.data.decisionId, 'escalated', manager),
      ),
      'sanshe.governance.decision.decided.v1': fromGovernance((event, manager) => this.track.decided(event, manager)),
      'sanshe.governance.decision.vote-rejected.v1': fromGovernance(async (event, manager) => {
        await this.track.voteRejected(event, manager);
        await this.filings.callInRejected(event, manager);
      }),
      'sanshe.governance.filing.noticed.v1': fromGovernance((event, manager) => this.filings.noticed(event, manager)),
      'sanshe.governance.filing.called-in.v1': fromGovernance((event, manager) =>
        this.filings.calledIn(event, manager),
      ),
      'sanshe.governance.filing.withdrawn.v1': fromGovernance((event, manager) =>
        this.filings.withdrawn(event, manager),
      ),
    });
  }
}
