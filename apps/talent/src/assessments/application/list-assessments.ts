import { Injectable } from '@nestjs/common';
import { AccessDenied } from '@sanshe/auth';
import { Id, schemaProblems } from '@sanshe/contracts';
import { type Caller, isAuditor, isTalentAdmin } from '../../access/talent-access';
import type { ActionView } from '../domain/assessment-action';
import { type AssessorBinding, isWorker, WORKER_ROLE, workerParty } from '../domain/assessment';
import { AssessmentInputInvalid } from '../domain/assessment-errors';
import { AssessmentRepository } from '../domain/assessment.repository';

/** A binding with what was sent for the seat and whether governance refused it. */
export interface AssessmentView extends AssessorBinding {
  actions: ActionView[];
}

/** GET /assessments?workerId=: a worker's bindings, newest first, for the worker, the talent office or an auditor. */
@Injectable()
export class ListAssessments {
  constructor(private readonly assessments: AssessmentRepository) {}

  async execute(workerId: string | undefined, caller: Caller): Promise<AssessmentView[]> {
    const problems =
      workerId === undefined
        ? [{ path: '/query/workerId', message: 'is required' }]
        : schemaProblems(Id, workerId, '/query/workerId');
    if (problems.length > 0) throw new AssessmentInputInvalid(problems);
    const id = workerId as string;
    if (!isWorker(caller, id) && !isTalentAdmin(caller) && !isAuditor(caller)) {
      throw new AccessDenied(
        `${caller.sub} may not read ${id}'s assessments: it needs the role ${WORKER_ROLE} for ${workerParty(id)}, ` +
          'talent-admin or auditor',
      );
    }
    const bindings = await this.assessments.listOfWorker(id);
    const actions = await this.assessments.actionsOf(bindings.map((binding) => binding.decisionId));
    return bindings.map((binding) => ({
      ...binding,
      actions: actions.filter((action) => action.decisionId === binding.decisionId),
    }));
  }
}
