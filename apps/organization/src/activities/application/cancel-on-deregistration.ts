import { Injectable, type OnModuleInit } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { type Deregistration, DeregistrationListeners } from '../../registry/domain/deregistration-listeners';
import { ALLOWED, type ActivityStatus, applyCancel } from '../domain/activity';
import { ActivityRepository } from '../domain/activity.repository';
import { ActivityEvents } from './activity-events';

/** The statuses an activity may still be cancelled from: every one not final. */
export const CANCELLABLE = (Object.keys(ALLOWED) as ActivityStatus[]).filter((s) => ALLOWED[s].includes('cancel'));

/**
 * When the registrar deregisters an organization, in the status change's transaction: every live
 * activity of it (scheduled, running, paused) is cancelled by the cancel rule with reason
 * `organization-deregistered` and the registrar's reason as its note (one activity.cancelled each);
 * completed and cancelled ones stay as they are. Runs before the proposals are withdrawn.
 */
@Injectable()
export class CancelActivitiesOnDeregistration implements OnModuleInit {
  constructor(
    private readonly listeners: DeregistrationListeners,
    private readonly activities: ActivityRepository,
    private readonly events: ActivityEvents,
  ) {}

  onModuleInit(): void {
    this.listeners.register('activities', 'end-activities', (manager, deregistration) =>
      this.cancelAll(manager, deregistration),
    );
  }

  async cancelAll(manager: EntityManager, { organizationId, reason, at }: Deregistration): Promise<void> {
    for (const activityId of await this.activities.idsOf(manager, organizationId, CANCELLABLE)) {
      const activity = await this.activities.find(manager, activityId, true);
      if (!activity || !ALLOWED[activity.status].includes('cancel')) continue;
      const { state, facts } = applyCancel(activity, 'organization-deregistered', reason, at);
      await this.activities.save(manager, state, null);
      await this.events.publish(manager, facts, at);
    }
  }
}
