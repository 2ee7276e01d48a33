import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { OrganizationDirectory } from '../../registry/domain/organization-directory';
import { ActivityEvents } from '../application/activity-events';
import {
  ALLOWED,
  type Activity,
  type Applied,
  applyCancel,
  applyPause,
  applyResume,
  applySchedule,
} from '../domain/activity';
import {
  ActivityScheduling,
  type ProposalCancelReason,
  type ScheduleActivityCommand,
} from '../domain/activity-scheduling';
import { ActivityRepository } from '../domain/activity.repository';
import { newGroups } from '../domain/groups';

/**
 * The activities' side of the proposals' port, in the caller's transaction. Scheduling is idempotent by
 * proposal; pause, resume and cancel do nothing when there is no activity or its status does not allow
 * them, so a repeated governance fact publishes nothing the second time. An activity scheduled for a
 * deregistered organization is cancelled at once.
 */
@Injectable()
export class PostgresActivityScheduling extends ActivityScheduling {
  constructor(
    private readonly activities: ActivityRepository,
    private readonly events: ActivityEvents,
    private readonly directory: OrganizationDirectory,
  ) {
    super();
  }

  async schedule(manager: EntityManager, command: ScheduleActivityCommand): Promise<string> {
    const existing = await this.activities.findByProposal(manager, command.proposalId);
    if (existing) return existing.activityId;
    const at = new Date().toISOString();
    const { state, facts } = applySchedule(`act-${randomUUID()}`, command, at);
    const { activityId, inserted } = await this.activities.insert(manager, state, newGroups(state.activityId));
    if (inserted) {
      await this.events.publish(manager, facts, at);
      await this.cancelIfDeregistered(manager, state, at);
    }
    return activityId;
  }

  /**
   * A decision approved after its organization was deregistered (governance decided before the
   * withdrawal reached it): the activity exists, as the decision says, but is cancelled at once
   * (organization-deregistered), in the same transaction, so nobody staffs or funds it.
   */
  private async cancelIfDeregistered(manager: EntityManager, activity: Activity, at: string): Promise<void> {
    const organization = await this.directory.find(activity.organizationId, manager);
    if (organization?.status !== 'deregistered') return;
    const { state, facts } = applyCancel(activity, 'organization-deregistered', null, at);
    await this.activities.save(manager, state, null);
    await this.events.publish(manager, facts, at);
  }

  pause(manager: EntityManager, proposalId: string, decisionId: string): Promise<void> {
    return this.change(manager, proposalId, 'pause', (a) => applyPause(a, decisionId));
  }

  resume(manager: EntityManager, proposalId: string): Promise<void> {
    return this.change(manager, proposalId, 'resume', (a) => applyResume(a));
  }

  cancel(manager: EntityManager, proposalId: string, reason: ProposalCancelReason): Promise<void> {
    return this.change(manager, proposalId, 'cancel', (a) => applyCancel(a, reason, null, new Date().toISOString()));
  }

  private async change(
    manager: EntityManager,
    proposalId: string,
    command: 'pause' | 'resume' | 'cancel',
    apply: (activity: Activity) => Applied,
  ): Promise<void> {
    const activity = await this.activities.findByProposal(manager, proposalId, true);
    if (!activity || !ALLOWED[activity.status].includes(command)) return;
    const { state, facts } = apply(activity);
    await this.activities.save(manager, state, null);
    await this.events.publish(manager, facts, new Date().toISOString());
  }
}
