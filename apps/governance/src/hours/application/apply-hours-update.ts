import { Injectable } from '@nestjs/common';
import { WorkflowNotFoundError, WorkflowUpdateFailedError } from '@temporalio/client';
import type { EntityManager } from 'typeorm';
import type { EventType, SansheEvent } from '@sanshe/contracts';
import { confirmHoursUpdate, disputeHoursUpdate, hoursRefusalOf, hoursWorkflowId } from '@sanshe/workflows';
import { eventIdentity } from '../../decisions/domain/event-identity';
import { TemporalClientHolder } from '../../decisions/decisions.module';
import { type HoursUpdate, ParkedHoursUpdateRepository } from '../domain/parked-hours-update.repository';
import { RejectHoursUpdateHandler } from './reject-hours-update';

export interface ApplyHoursUpdateCommand {
  hoursId: string;
  update: HoursUpdate;
  /** The community.hours.* event: its identity (source, id) is the update id; a refusal names it. */
  event: SansheEvent<EventType>;
}

export type ApplyHoursUpdateResult = 'accepted' | 'rejected' | 'parked';

/**
 * Applies a community's confirm or dispute to its hours workflow as a Workflow Update whose id is the
 * event's identity (Temporal deduplicates a redelivery). A refusal by the workflow's validator, or a
 * workflow already ended (`hours-closed`), becomes `governance.hours.update-rejected` in the caller's
 * inbox transaction; before the workflow exists the update is parked for the start to apply. A Temporal
 * call past its deadline throws, and the inbox retries.
 */
@Injectable()
export class ApplyHoursUpdateHandler {
  constructor(
    private readonly temporal: TemporalClientHolder,
    private readonly parked: ParkedHoursUpdateRepository,
    private readonly reject: RejectHoursUpdateHandler,
  ) {}

  async execute(manager: EntityManager, command: ApplyHoursUpdateCommand): Promise<ApplyHoursUpdateResult> {
    const first = await this.attempt(manager, command);
    if (first !== 'not-found') return first;
    const workflowId = hoursWorkflowId(command.hoursId);
    await this.parked.lock(manager, workflowId);
    const status = await this.statusOf(workflowId);
    if (status === null) {
      await this.parked.park(manager, { workflowId, ...command.update, event: command.event });
      return 'parked';
    }
    const again = status === 'RUNNING' ? await this.attempt(manager, command) : 'not-found';
    if (again !== 'not-found') return again;
    await this.refuse(manager, command, 'hours-closed', `the hours are settled (${status.toLowerCase()})`);
    return 'rejected';
  }

  private async attempt(
    manager: EntityManager,
    command: ApplyHoursUpdateCommand,
  ): Promise<'accepted' | 'rejected' | 'not-found'> {
    const { hoursId, update, event } = command;
    try {
      await this.temporal.bounded(async (client) => {
        const handle = client.workflow.getHandle(hoursWorkflowId(hoursId));
        const updateId = eventIdentity(event);
        if (update.kind === 'confirm')
          await handle.executeUpdate(confirmHoursUpdate, { updateId, args: [update.request] });
        else await handle.executeUpdate(disputeHoursUpdate, { updateId, args: [update.request] });
      });
      return 'accepted';
    } catch (err) {
      if (err instanceof WorkflowNotFoundError) return 'not-found';
      if (!(err instanceof WorkflowUpdateFailedError)) throw err; // deadline, Temporal unreachable: the inbox retries
      const refusal = hoursRefusalOf(err) ?? { code: 'refused', message: err.cause?.message ?? err.message };
      await this.refuse(manager, command, refusal.code, refusal.message);
      return 'rejected';
    }
  }

  private async statusOf(workflowId: string): Promise<string | null> {
    try {
      const description = await this.temporal.bounded((client) => client.workflow.getHandle(workflowId).describe());
      return description.status.name;
    } catch (err) {
      if (err instanceof WorkflowNotFoundError) return null;
      throw err;
    }
  }

  private refuse(
    manager: EntityManager,
    { hoursId, update, event }: ApplyHoursUpdateCommand,
    code: string,
    reason: string,
  ) {
    const { partyId, castBy } = update.request;
    return this.reject.execute(manager, { event, hoursId, partyId, castBy, code, reason });
  }
}
