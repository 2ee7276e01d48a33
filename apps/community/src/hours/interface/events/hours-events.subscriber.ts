import { Injectable, type OnModuleInit } from '@nestjs/common';
import { contextTopic, type EventType, type SansheEvent } from '@sanshe/contracts';
import { type Delivery, type EventHandler, PermanentEventError } from '@sanshe/messaging';
import type { EntityManager } from 'typeorm';
import { CommunityEventRegistry } from '../../../events/community-event-registry';
import { TrackHours } from '../../application/track-hours';

/**
 * A fact counts only from its owner's channel (its source on its own topic): talent's hours from
 * sanshe/talent, governance's refusals from sanshe/governance. Anything else is dead-lettered.
 */
function fromOwner<T extends EventType>(
  owner: 'talent' | 'governance',
  track: (event: SansheEvent<T>, manager: EntityManager) => Promise<void>,
): EventHandler<T> {
  return async (event: SansheEvent<T>, manager: EntityManager, delivery: Delivery) => {
    const topic = contextTopic(owner);
    if (delivery.topic !== topic || event.source !== `sanshe/${owner}`) {
      throw new PermanentEventError(
        `wrong-channel: ${event.type} counts only from sanshe/${owner} on ${topic}, ` +
          `not from ${event.source} on ${delivery.topic}`,
      );
    }
    return track(event, manager);
  };
}

/** Registers the hours feature's handlers: talent's recorded and settled hours, governance's refusal of an answer. */
@Injectable()
export class HoursEventsSubscriber implements OnModuleInit {
  constructor(
    private readonly registry: CommunityEventRegistry,
    private readonly track: TrackHours,
  ) {}

  onModuleInit(): void {
    this.registry.register('hours', {
      'sanshe.talent.hours.recorded.v1': fromOwner('talent', (event, manager) => this.track.recorded(event, manager)),
      'sanshe.talent.hours.confirmed.v1': fromOwner('talent', (event, manager) => this.track.confirmed(event, manager)),
      'sanshe.talent.hours.rejected.v1': fromOwner('talent', (event, manager) => this.track.rejected(event, manager)),
      'sanshe.governance.hours.update-rejected.v1': fromOwner('governance', (event, manager) =>
        this.track.answerRejected(event.data, manager),
      ),
    });
  }
}
