import { Injectable, type OnModuleInit } from '@nestjs/common';
import { CommunityEventRegistry } from '../../../events/community-event-registry';
import { TrackDecisions } from '../../application/track-decisions';

/** Registers the votes feature's handlers of governance's decision events with the service's one consumer. */
@Injectable()
export class DecisionEventsSubscriber implements OnModuleInit {
  constructor(
    private readonly registry: CommunityEventRegistry,
    private readonly track: TrackDecisions,
  ) {}

  onModuleInit(): void {
    this.registry.register('votes', {
      'sanshe.governance.decision.opened.v1': (event, manager) => this.track.opened(event, manager),
      'sanshe.governance.decision.round-opened.v1': (event, manager) => this.track.roundOpened(event, manager),
      'sanshe.governance.decision.deliberation-opened.v1': (event, manager) =>
        this.track.moved(event.data.decisionId, 'deliberation-opened', manager),
      'sanshe.governance.decision.escalated.v1': (event, manager) =>
        this.track.moved(event.data.decisionId, 'escalated', manager),
      'sanshe.governance.decision.decided.v1': (event, manager) => this.track.decided(event, manager),
      'sanshe.governance.decision.vote-rejected.v1': (event, manager) => this.track.voteRejected(event, manager),
    });
  }
}
