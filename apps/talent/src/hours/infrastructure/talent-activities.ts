import { Injectable } from '@nestjs/common';
import { ApplicationFailure } from '@temporalio/common';
import { DecisionId, Id, schemaProblems } from '@sanshe/contracts';
import type { HoursActivities, RecordConfirmedHoursInput, RejectHoursInput } from '@sanshe/workflows';
import { SettleHoursHandler } from '../application/settle-hours';
import { HoursConflict, HoursNotFound } from '../domain/hours-errors';
import type { HoursSettlement } from '../domain/hours-record';

/** Ids no record or event could ever carry: retrying cannot help. */
function checkInput(hoursId: string, decisionId: string | undefined): void {
  const problems = [
    ...schemaProblems(Id, hoursId, '/hoursId'),
    ...(decisionId === undefined ? [] : schemaProblems(DecisionId, decisionId, '/decisionId')),
  ];
  if (problems.length > 0) {
    const message = problems.map((p) => `${p.path} ${p.message}`).join('; ');
    throw ApplicationFailure.nonRetryable(`invalid hours activity input: ${message}`, 'hours-input-invalid');
  }
}

/**
 * Talent's Temporal activities (HoursActivities), run by talent's worker on TALENT_TEMPORAL_TASK_QUEUE for
 * governance's hours workflow. Idempotent by hoursId: the first call settles the record and publishes its
 * event, a retry answers 'already'. Hours not recorded yet fail retryably (the workflow starts from
 * hours.recorded, committed with the record, so this is only a safety); an outcome that contradicts the
 * settled one, a malformed id, or a decision's confirmation without its decisionId can never succeed and is
 * not retried.
 */
@Injectable()
export class TalentActivities {
  constructor(private readonly settle: SettleHoursHandler) {}

  /** The plain object the Temporal worker registers (methods bound: the worker calls them unbound). */
  activities(): HoursActivities {
    return {
      recordConfirmedHours: (input) => this.recordConfirmedHours(input),
      rejectHours: (input) => this.rejectHours(input),
    };
  }

  async recordConfirmedHours(input: RecordConfirmedHoursInput): Promise<'recorded' | 'already'> {
    if (input.confirmedBy === 'decision' && !input.decisionId) {
      throw ApplicationFailure.nonRetryable(`hours ${input.hoursId} confirmed by decision need its decisionId`);
    }
    checkInput(input.hoursId, input.decisionId);
    const settlement: HoursSettlement = {
      status: 'confirmed',
      confirmedBy: input.confirmedBy,
      ...(input.decisionId ? { decisionId: input.decisionId } : {}),
    };
    return (await this.apply(input.hoursId, settlement)) === 'applied' ? 'recorded' : 'already';
  }

  async rejectHours(input: RejectHoursInput): Promise<'rejected' | 'already'> {
    checkInput(input.hoursId, input.decisionId);
    const settlement: HoursSettlement = { status: 'rejected', decisionId: input.decisionId };
    return (await this.apply(input.hoursId, settlement)) === 'applied' ? 'rejected' : 'already';
  }

  private async apply(hoursId: string, settlement: HoursSettlement): Promise<'applied' | 'already'> {
    try {
      return await this.settle.execute({ hoursId, settlement });
    } catch (error) {
      if (error instanceof HoursConflict) {
        throw ApplicationFailure.create({ message: error.message, type: error.code, nonRetryable: true, cause: error });
      }
      if (error instanceof HoursNotFound) {
        throw ApplicationFailure.create({ message: error.message, type: 'hours-not-recorded', cause: error });
      }
      throw error;
    }
  }
}
