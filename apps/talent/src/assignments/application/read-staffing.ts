import { Injectable } from '@nestjs/common';
import { AccessDenied } from '@sanshe/auth';
import { actsFor, type Caller, isAuditor, isTalentAdmin } from '../../access/talent-access';
import { STAFFING_RULES, staffingProblems } from '../../staffing/domain/staffing-rules';
import { planAsOf } from '../../votes/domain/talent-vote';
import { assignedLines } from '../domain/assignment';
import { AssignmentNotFound } from '../domain/assignment-errors';
import { AssignmentRepository } from '../domain/assignment.repository';

/**
 * GET /activities/{id}/staffing: the plan, the assignments, and both the plan and what is assigned judged by the staffing
 * rules against the proposal's category and size (its latest revision known to talent), each problem
 * with its rule and fix. Its organization's admin and staff, the talent office and auditors read it.
 */
@Injectable()
export class ReadStaffingHandler {
  constructor(private readonly assignments: AssignmentRepository) {}

  async execute(activityId: string, caller: Caller) {
    const activity = await this.assignments.activity(activityId);
    if (!activity) throw new AssignmentNotFound(`no activity ${activityId}`);
    if (!actsFor(caller, activity.organizationId) && !isTalentAdmin(caller) && !isAuditor(caller)) {
      throw new AccessDenied(
        `${caller.sub} may not read the staffing of ${activityId}: it needs organization-admin or organization-staff ` +
          `of organization:${activity.organizationId}, talent-admin or auditor`,
      );
    }
    const revisions = await this.assignments.proposalRevisions(activity.proposalId);
    const latest = Math.max(0, ...revisions.map((revision) => revision.revisionNo));
    const context = (latest > 0 ? planAsOf(revisions, latest)?.context : null) ?? {
      category: null,
      expectedParticipants: null,
    };
    const assignments = await this.assignments.listOf(activityId);
    const assigned = assignedLines(assignments);
    return {
      activityId,
      organizationId: activity.organizationId,
      status: activity.status,
      staffingPlan: activity.staffingPlan,
      category: context.category,
      expectedParticipants: context.expectedParticipants,
      rulesVersion: STAFFING_RULES.version,
      assignments,
      assigned,
      /** What is assigned, judged by the rules. */
      problems: staffingProblems(assigned, context),
      /** The scheduled plan itself, judged by the same rules. */
      planProblems: staffingProblems(activity.staffingPlan, context),
    };
  }
}
