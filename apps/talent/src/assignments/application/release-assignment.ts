import { Inject, Injectable } from '@nestjs/common';
import { getDataSourceToken } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { AccessDenied } from '@sanshe/auth';
import { OutboxWriter } from '@sanshe/messaging';
import { actsFor, type Caller } from '../../access/talent-access';
import { type Assignment, releasedEvent } from '../domain/assignment';
import { AssignmentNotFound } from '../domain/assignment-errors';
import { AssignmentRepository } from '../domain/assignment.repository';

/**
 * DELETE /activities/{activityId}/assignments/{assignmentId}: the organization's admin or staff release
 * a worker (assignment.released in the same commit); an assignment already released is shown as it is,
 * with no second event. A cancelled activity releases all its assignments (releaseAll).
 */
@Injectable()
export class ReleaseAssignmentHandler {
  constructor(
    private readonly assignments: AssignmentRepository,
    private readonly outbox: OutboxWriter,
    @Inject(getDataSourceToken()) private readonly dataSource: DataSource,
  ) {}

  async execute(activityId: string, assignmentId: string, caller: Caller): Promise<Assignment> {
    return this.dataSource.transaction(async (manager) => {
      const assignment = await this.assignments.find(manager, activityId, assignmentId);
      if (!assignment) throw new AssignmentNotFound(`no assignment ${assignmentId} of activity ${activityId}`);
      if (!actsFor(caller, assignment.organizationId)) {
        throw new AccessDenied(
          `${caller.sub} may not release assignments of ${activityId}: it needs organization-admin or ` +
            `organization-staff of organization:${assignment.organizationId}`,
        );
      }
      if (!(await this.releaseOne(manager, assignment, 'released by the organization'))) return assignment;
      return { ...assignment, status: 'released' };
    });
  }

  /** Releases every active assignment of the activity, in the caller's transaction. */
  async releaseAll(manager: EntityManager, activityId: string, reason: string): Promise<void> {
    for (const assignment of await this.assignments.listOf(activityId, manager)) {
      if (assignment.status === 'active') await this.releaseOne(manager, assignment, reason);
    }
  }

  private async releaseOne(manager: EntityManager, assignment: Assignment, reason: string): Promise<boolean> {
    if (!(await this.assignments.release(manager, assignment.assignmentId))) return false;
    await this.outbox.publish(manager, releasedEvent(assignment, reason));
    return true;
  }
}
