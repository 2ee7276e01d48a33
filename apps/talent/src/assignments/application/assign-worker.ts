import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { getDataSourceToken } from '@nestjs/typeorm';
import { Type } from '@sinclair/typebox';
import type { DataSource } from 'typeorm';
import { AccessDenied } from '@sanshe/auth';
import { Id, Instant, schemaProblems, StaffRole } from '@sanshe/contracts';
import { OutboxWriter } from '@sanshe/messaging';
import { actsFor, type Caller } from '../../access/talent-access';
import { WorkerDirectory } from '../../workers/domain/worker-directory';
import { type AssignInput, assignInputProblems, assignRefusal, type Assignment, madeEvent } from '../domain/assignment';
import {
  AssignmentConflict,
  AssignmentInputInvalid,
  AssignmentNotFound,
  AssignmentRuleBroken,
} from '../domain/assignment-errors';
import { AssignmentRepository, DoubleBooked } from '../domain/assignment.repository';

export const AssignBody = Type.Object(
  { workerId: Id, role: StaffRole, startsAt: Instant, endsAt: Instant },
  { additionalProperties: false },
);

/**
 * POST /activities/{activityId}/assignments: the body (400), the activity (404), who may assign (403:
 * admin or staff of its organization), the worker (404; 409 not-of-organization, role-mismatch,
 * certificate-expired); then the assignment and its assignment.made commit together, unless the
 * database's exclusion constraint finds the worker booked then (409 double-booked naming the
 * assignment it overlaps, looked up afresh once the refused transaction is gone).
 */
@Injectable()
export class AssignWorkerHandler {
  constructor(
    private readonly assignments: AssignmentRepository,
    private readonly workers: WorkerDirectory,
    private readonly outbox: OutboxWriter,
    @Inject(getDataSourceToken()) private readonly dataSource: DataSource,
  ) {}

  async execute(activityId: string, body: unknown, caller: Caller): Promise<Assignment> {
    const input = checkedInput(activityId, body);
    try {
      return await this.dataSource.transaction(async (manager) => {
        const activity = await this.assignments.activity(activityId, { manager, mode: 'share' });
        if (!activity) throw new AssignmentNotFound(`no activity ${activityId}`);
        if (!actsFor(caller, activity.organizationId)) {
          throw new AccessDenied(
            `${caller.sub} may not assign workers to ${activityId}: it needs organization-admin or ` +
              `organization-staff of organization:${activity.organizationId}`,
          );
        }
        const refusal = assignRefusal(activity, await this.workers.find(input.workerId, manager), input);
        if (refusal?.code === 'worker-not-found') throw new AssignmentNotFound(refusal.message);
        if (refusal) throw new AssignmentConflict(refusal.code, refusal.message);
        const assignmentId = `asg-${randomUUID()}`;
        const organizationId = activity.organizationId;
        const assignment: Assignment = { assignmentId, activityId, organizationId, ...input, status: 'active' };
        await this.assignments.insert(manager, assignment, caller.sub);
        await this.outbox.publish(manager, madeEvent(assignment));
        return assignment;
      });
    } catch (err) {
      if (!(err instanceof DoubleBooked)) throw err;
      const conflicting = await this.assignments.overlapping(input.workerId, input.startsAt, input.endsAt);
      throw new AssignmentConflict(
        'double-booked',
        `${input.workerId} is already assigned between ${input.startsAt} and ${input.endsAt}` +
          (conflicting ? ` (${conflicting})` : ''),
        conflicting ?? undefined,
      );
    }
  }
}

function checkedInput(activityId: string, body: unknown): AssignInput {
  const problems = [
    ...schemaProblems(Id, activityId, '/params/activityId'),
    ...schemaProblems(AssignBody, body, '/body'),
  ];
  if (problems.length > 0) throw new AssignmentInputInvalid(problems);
  const broken = assignInputProblems(body as AssignInput); // both instants well formed: 422, documented
  if (broken.length > 0) throw new AssignmentRuleBroken(broken);
  const { workerId, role, startsAt, endsAt } = body as AssignInput;
  // Instants normalised to UTC milliseconds, as PostgreSQL gives them back.
  return { workerId, role, startsAt: new Date(startsAt).toISOString(), endsAt: new Date(endsAt).toISOString() };
}
