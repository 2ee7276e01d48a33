import { Inject, Injectable } from '@nestjs/common';
import { getDataSourceToken } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { OutboxWriter } from '@sanshe/messaging';
import type { Caller } from '../../access/funding-access';
import { defundProgram, fundProgram, Ledger } from '../../ledger';
import { applyProgramPut, closeProgram, type Program, type ProgramBody, type ProgramChange } from '../domain/program';
import { ProgramClosed, ProgramInputInvalid, ProgramNotFound } from '../domain/program-errors';
import { programProblems } from '../domain/program-rules';
import { ProgramRepository } from '../domain/program.repository';
import { requireFunderAdmin } from './program-access';

export interface PutProgramResult {
  program: Program;
  created: boolean;
}

/**
 * PUT /programs/{id} and POST /programs/{id}/close, each in one transaction: the program row, its one
 * event and the budget's ledger posting (opening: the program's accounts and the whole budget funded; a
 * change: the difference funded or cut, a cut below what is reserved refused as insufficient-funds)
 * commit together or not at all. An unchanged body writes and publishes nothing. Only a funder-admin of
 * the program's funder may.
 */
@Injectable()
export class PutProgramHandler {
  constructor(
    private readonly programs: ProgramRepository,
    private readonly ledger: Ledger,
    private readonly outbox: OutboxWriter,
    @Inject(getDataSourceToken()) private readonly dataSource: DataSource,
  ) {}

  execute(programId: string, body: ProgramBody, caller: Caller): Promise<PutProgramResult> {
    return this.dataSource.transaction((manager) => this.executeIn(manager, programId, body, caller));
  }

  /** As execute, in the caller's transaction (a portal's open-requested command, in its inbox transaction). */
  async executeIn(
    manager: EntityManager,
    programId: string,
    body: ProgramBody,
    caller: Caller,
  ): Promise<PutProgramResult> {
    const current = await this.programs.lockForChange(manager, programId);
    requireFunderAdmin(caller, current?.funderId ?? body.funderId, `open or change program ${programId}`);
    if (current?.status === 'closed') throw new ProgramClosed(programId);
    const problems = programProblems(body, current);
    if (problems.length) throw new ProgramInputInvalid(problems);
    const change = applyProgramPut(current, programId, body, caller.sub);
    if (!current) await this.ledger.openProgramAccounts(manager, programId, change.state.budget.currency);
    await this.record(manager, change, caller.sub);
    return { program: change.state, created: current === null };
  }

  async close(programId: string, caller: Caller): Promise<Program> {
    return this.dataSource.transaction(async (manager) => {
      const current = await this.programs.lockForChange(manager, programId);
      if (!current) throw new ProgramNotFound(programId);
      requireFunderAdmin(caller, current.funderId, `close program ${programId}`);
      const change = closeProgram(current);
      await this.record(manager, change, caller.sub);
      return change.state;
    });
  }

  private async record(manager: EntityManager, change: ProgramChange, by: string): Promise<void> {
    if (!change.facts.length) return;
    const { programId, budget, revision } = change.state;
    const delta = { amountFen: Math.abs(change.budgetDeltaFen), currency: budget.currency };
    if (change.budgetDeltaFen > 0) await this.ledger.post(manager, fundProgram(programId, delta, revision));
    if (change.budgetDeltaFen < 0) await this.ledger.post(manager, defundProgram(programId, delta, revision));
    await this.programs.save(manager, change.state, by);
    for (const fact of change.facts) await this.outbox.publish(manager, fact);
  }
}
