import { Inject, Injectable } from '@nestjs/common';
import { getDataSourceToken } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { AccessDenied } from '@sanshe/auth';
import { OutboxWriter } from '@sanshe/messaging';
import { type Caller, isTalentAdmin, ROLES } from '../../access/talent-access';
import { RewardsLedger } from '../../rewards/domain/rewards-ledger';
import { requireActsForWorkers, todayInShanghai } from '../../workers/application/worker-access';
import { WorkerRepository } from '../../workers/domain/worker.repository';
import {
  CompletionExists,
  EducationRuleBroken,
  EducationWorkerNotFound,
  ProgramExists,
  ProgramNotFound,
} from '../domain/education-errors';
import { type Completion, EducationRepository, type TrainingProgram } from '../domain/education.repository';

export interface CompletionCommand {
  programId: string;
  completedOn: string;
  /** Default: the program's hours; never more. */
  hours?: number;
}

/**
 * Training programs (the district's talent office adds them) and completions (the worker's organization
 * or the office records them, with talent.training.completed and the points they earn in the same transaction).
 */
@Injectable()
export class ManageEducationHandler {
  constructor(
    private readonly education: EducationRepository,
    private readonly workers: WorkerRepository,
    private readonly rewards: RewardsLedger,
    private readonly outbox: OutboxWriter,
    @Inject(getDataSourceToken()) private readonly dataSource: DataSource,
  ) {}

  async addProgram(program: TrainingProgram, caller: Caller): Promise<TrainingProgram> {
    if (!isTalentAdmin(caller)) {
      throw new AccessDenied(
        `${caller.sub} may not add a training program: it needs the role ${ROLES.talentAdmin} for a jurisdiction`,
      );
    }
    return this.dataSource.transaction(async (manager) => {
      if (!(await this.education.addProgram(manager, program, caller.sub))) throw new ProgramExists(program.programId);
      return program;
    });
  }

  async recordCompletion(workerId: string, command: CompletionCommand, caller: Caller): Promise<Completion> {
    return this.dataSource.transaction(async (manager) => {
      const worker = await this.workers.lockForChange(manager, workerId);
      if (!worker) throw new EducationWorkerNotFound(workerId);
      requireActsForWorkers(caller, worker.organizationId, `record training of worker ${workerId}`);
      const program = await this.education.program(command.programId, manager);
      if (!program) throw new ProgramNotFound(command.programId);
      const hours = command.hours ?? program.hours;
      if (hours > program.hours) {
        throw new EducationRuleBroken([
          { path: '/body/hours', message: `must be at most the program's ${program.hours}` },
        ]);
      }
      if (command.completedOn > todayInShanghai()) {
        throw new EducationRuleBroken([{ path: '/body/completedOn', message: 'must not be in the future' }]);
      }
      const completion: Completion = {
        workerId,
        programId: program.programId,
        completedOn: command.completedOn,
        hours,
      };
      if (!(await this.education.addCompletion(manager, completion, caller.sub))) {
        throw new CompletionExists(workerId, program.programId, command.completedOn);
      }
      const { organizationId } = worker;
      await this.rewards.earnForTraining(manager, { ...completion, organizationId, recordedBy: caller.sub });
      const type = 'sanshe.talent.training.completed.v1';
      await this.outbox.publish(manager, {
        type,
        subject: workerId,
        id: `${type}:${workerId}:${program.programId}:${command.completedOn}`,
        data: { ...completion, organizationId },
      });
      return completion;
    });
  }
}
