import { Injectable, type OnModuleInit } from '@nestjs/common';
import { fromOwner } from '../../../events/from-owner';
import { TalentEventRegistry } from '../../../events/talent-event-registry';
import { TrackActivities } from '../../application/track-activities';

/** Registers the assignments feature's handlers of the organization's activity events (its channel only). */
@Injectable()
export class ActivitiesSubscriber implements OnModuleInit {
  constructor(
    private readonly registry: TalentEventRegistry,
    private readonly track: TrackActivities,
  ) {}

  onModuleInit(): void {
    this.registry.register('assignments', {
      'sanshe.organization.activity.scheduled.v1': (event, manager, delivery) => {
        fromOwner(event, delivery, 'organization');
        return this.track.scheduled(event, manager);
      },
      'sanshe.organization.activity.cancelled.v1': (event, manager, delivery) => {
        fromOwner(event, delivery, 'organization');
        return this.track.cancelled(event, manager);
      },
    });
  }
}
