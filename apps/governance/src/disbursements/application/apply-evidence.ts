import { Injectable, Logger } from '@nestjs/common';
import { WorkflowNotFoundError, WorkflowUpdateFailedError } from '@temporalio/client';
import type { EntityManager } from 'typeorm';
import type { EventType, SansheEvent } from '@sanshe/contracts';
import {
  disbursementRefusalOf,
  type DisbursementRequestRefusal,
  disbursementStateQuery,
  disbursementWorkflowId,
  type EvidenceSubmission,
  submitEvidenceUpdate,
} from '@sanshe/workflows';
import { eventIdentity } from '../../decisions/domain/event-identity';
import { TemporalClientHolder } from '../../decisions/decisions.module';
import { ParkedDisbursementEvidence } from '../infrastructure/parked-disbursement-evidence';
import { RefuseDisbursementRequestHandler } from './refuse-disbursement-request';

export interface ApplyEvidenceCommand {
  grantId: string;
  submission: EvidenceSubmission;
  /** The activity.completed or evidence-submitted event: its identity (source, id) is the update id. */
  event: SansheEvent<EventType>;
}

/** Why the evidence was refused: the workflow's code kebab-cased (wrong-tranche, evidence-reused, …) and message. */
export type ApplyEvidenceResult = 'accepted' | 'parked' | DisbursementRequestRefusal;

/**
 * Applies an organization's milestone evidence to `disbursement/<grantId>` as the Update submitEvidence whose id
 * is the event's identity (Temporal deduplicates a redelivery). The workflow's refusal is answered (the caller
 * publishes it as request-refused). Evidence the workflow cannot take yet — it does not exist, or it is still
 * reserving the budget with funding — is parked: the start applies it, and the sweeper tries again while funding
 * is slow. A disbursement that ended refuses it as `disbursement-closed`. A Temporal call past its deadline
 * throws, and the inbox retries.
 */
@Injectable()
export class ApplyEvidenceHandler {
  private readonly logger = new Logger('Disbursement');

  constructor(
    private readonly temporal: TemporalClientHolder,
    private readonly parked: ParkedDisbursementEvidence,
    private readonly refuse: RefuseDisbursementRequestHandler,
  ) {}

  async execute(manager: EntityManager, command: ApplyEvidenceCommand): Promise<ApplyEvidenceResult> {
    const workflowId = disbursementWorkflowId(command.grantId);
    const park = async () => {
      await this.parked.park(manager, { workflowId, submission: command.submission, event: command.event });
      return 'parked' as const;
    };
    const first = await this.attemptPastReserving(command);
    if (first === 'reserving') return park();
    if (first !== 'not-found') return first;
    await this.parked.lock(manager, workflowId);
    const status = await this.statusOf(workflowId);
    if (status === null) return park();
    const again = status === 'RUNNING' ? await this.attemptPastReserving(command) : 'not-found';
    if (again === 'reserving') return park();
    if (again !== 'not-found') return again;
    return { code: 'disbursement-closed', message: `the disbursement of ${command.grantId} ended (${status})` };
  }

  /**
   * Applies what was parked for the grant, in arrival order, in `manager`'s transaction: what the workflow still
   * cannot take stays parked; a refusal is answered with request-refused (and logged with its code). Answers how
   * many left the park.
   */
  async applyParked(manager: EntityManager, grantId: string): Promise<number> {
    const workflowId = disbursementWorkflowId(grantId);
    await this.parked.lock(manager, workflowId);
    let settled = 0;
    for (const { submission, event } of await this.parked.takeFor(manager, workflowId)) {
      const applied = await this.execute(manager, { grantId, submission, event });
      if (applied !== 'parked') settled++;
      if (typeof applied === 'object') {
        this.logger.warn(`${workflowId}: parked evidence ${event.id} refused (${applied.code}): ${applied.message}`);
        const { code, message: reason } = applied;
        await this.refuse.execute(manager, { event, grantId, partyId: submission.submittedBy, code, reason });
      }
    }
    return settled;
  }

  /**
   * The workflow refuses evidence (wrong-stage) while funding has not answered the reservation yet: that is
   * `reserving`, not a refusal. The stage may also move on between the refusal and the look: then once more.
   */
  private async attemptPastReserving(command: ApplyEvidenceCommand) {
    for (let tries = 1; ; tries++) {
      const result = await this.attempt(command);
      if (typeof result !== 'object' || result.code !== 'wrong-stage') return result;
      const state = await this.temporal.bounded((client) =>
        client.workflow.getHandle(disbursementWorkflowId(command.grantId)).query(disbursementStateQuery),
      );
      if (state.stage === 'reserving') return 'reserving' as const;
      if (tries === 2) return result;
    }
  }

  private async attempt({ grantId, submission, event }: ApplyEvidenceCommand) {
    try {
      await this.temporal.bounded((client) =>
        client.workflow
          .getHandle(disbursementWorkflowId(grantId))
          .executeUpdate(submitEvidenceUpdate, { updateId: eventIdentity(event), args: [submission] }),
      );
      return 'accepted' as const;
    } catch (err) {
      if (err instanceof WorkflowNotFoundError) return 'not-found' as const;
      if (!(err instanceof WorkflowUpdateFailedError)) throw err; // deadline, Temporal unreachable: the inbox retries
      return disbursementRefusalOf(err) ?? { code: 'refused', message: err.cause?.message ?? err.message };
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
}
