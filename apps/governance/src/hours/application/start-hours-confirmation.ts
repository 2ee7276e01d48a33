import { Inject, Injectable, Logger } from '@nestjs/common';
import { WorkflowExecutionAlreadyStartedError } from '@temporalio/client';
import type { EntityManager } from 'typeorm';
import type { SansheEvent } from '@sanshe/contracts';
import {
  CommunityCodeKey,
  DecisionKindKey,
  type HoursConfirmationWorkflow,
  hoursWorkflowId,
  StageKey,
} from '@sanshe/workflows';
import { DECISION_TASK_QUEUE } from '../../decisions/decisions.tokens';
import { TemporalClientHolder } from '../../decisions/decisions.module';
import { TALENT_TASK_QUEUE } from '../hours.tokens';
import { type HoursUpdate, ParkedHoursUpdateRepository } from '../domain/parked-hours-update.repository';
import { ApplyHoursUpdateHandler } from './apply-hours-update';

type Recorded = SansheEvent<'sanshe.talent.hours.recorded.v1'>;

/**
 * Talent recorded hours: starts `hours/<hoursId>` unless it exists (a redelivery, or a finished run, starts
 * nothing), then applies the community's answers that came first, in the caller's inbox transaction.
 */
@Injectable()
export class StartHoursConfirmationHandler {
  private readonly logger = new Logger('HoursConfirmation');

  constructor(
    private readonly temporal: TemporalClientHolder,
    private readonly parked: ParkedHoursUpdateRepository,
    private readonly applyUpdate: ApplyHoursUpdateHandler,
    @Inject(DECISION_TASK_QUEUE) private readonly taskQueue: string,
    @Inject(TALENT_TASK_QUEUE) private readonly talentTaskQueue: string,
  ) {}

  async execute(manager: EntityManager, event: Recorded): Promise<void> {
    const { hoursId, workerId, organizationId, activityId, communityCode, minutes, confirmBy } = event.data;
    const workflowId = hoursWorkflowId(hoursId);
    try {
      await this.temporal.bounded((client) =>
        client.workflow.start<HoursConfirmationWorkflow>('hoursConfirmationWorkflow', {
          taskQueue: this.taskQueue,
          workflowId,
          args: [
            {
              ...{ hoursId, workerId, organizationId, activityId, communityCode, minutes, confirmBy },
              openedBy: { eventId: event.id, type: event.type },
              talentTaskQueue: this.talentTaskQueue,
            },
          ],
          workflowIdConflictPolicy: 'USE_EXISTING',
          workflowIdReusePolicy: 'REJECT_DUPLICATE',
          typedSearchAttributes: [
            { key: DecisionKindKey, value: 'hours' },
            { key: CommunityCodeKey, value: communityCode },
            { key: StageKey, value: 'awaiting' },
          ],
          staticSummary: `hours ${hoursId} in ${communityCode}: ${minutes} min, confirm by ${confirmBy}`,
        }),
      );
      this.logger.log(`${workflowId} awaiting ${communityCode} until ${confirmBy}`);
    } catch (err) {
      if (!(err instanceof WorkflowExecutionAlreadyStartedError)) throw err; // settled already
    }
    await this.parked.lock(manager, workflowId);
    for (const parked of await this.parked.takeFor(manager, workflowId)) {
      const update = { kind: parked.kind, request: parked.request } as HoursUpdate;
      await this.applyUpdate.execute(manager, { hoursId, update, event: parked.event });
    }
  }
}
