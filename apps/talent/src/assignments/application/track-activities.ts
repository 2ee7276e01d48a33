import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { EventType, SansheEvent } from '@sanshe/contracts';
import { AssignmentRepository } from '../domain/assignment.repository';
import { ReleaseAssignmentHandler } from './release-assignment';

type Organization<T extends string> = SansheEvent<Extract<EventType, `sanshe.organization.${T}.v1`>>;

/** Activities from the organization's events, in the inbox's transaction: scheduled is kept, cancelled releases. */
@Injectable()
export class TrackActivities {
  constructor(
    private readonly assignments: AssignmentRepository,
    private readonly release: ReleaseAssignmentHandler,
  ) {}

  async scheduled(event: Organization<'activity.scheduled'>, manager: EntityManager): Promise<void> {
    const { activityId, proposalId, organizationId, communityCode, staffingPlan, sessions } = event.data;
    const plan = staffingPlan ?? [];
    const activity = { activityId, proposalId, organizationId, communityCode, staffingPlan: plan, sessions };
    await this.assignments.saveActivity(manager, { ...activity, status: 'scheduled' });
  }

  async cancelled(event: Organization<'activity.cancelled'>, manager: EntityManager): Promise<void> {
    const { activityId, reason } = event.data;
    if (!(await this.assignments.activity(activityId, { manager, mode: 'update' }))) return;
    if (await this.assignments.cancel(manager, activityId)) {
      await this.release.releaseAll(manager, activityId, `the activity was cancelled (${reason})`);
    }
  }
}
