import { Injectable } from '@nestjs/common';
import { type WorkflowHandle, WorkflowNotFoundError, WorkflowUpdateFailedError } from '@temporalio/client';
import {
  type CancellationRequest,
  type ClawbackProposal,
  disbursementRefusalOf,
  type DisbursementRequestRefusal,
  disbursementWorkflowId,
  type NoticeObjection,
  objectDuringNoticeUpdate,
  proposeClawbackUpdate,
  requestCancellationUpdate,
} from '@sanshe/workflows';
import type { EventType, SansheEvent } from '@sanshe/contracts';
import { eventIdentity } from '../../decisions/domain/event-identity';
import { TemporalClientHolder } from '../../decisions/decisions.module';
import { startUpdateUntilAccepted } from '../infrastructure/start-update-until-accepted';

export type DisbursementRequest =
  | { kind: 'objection'; objection: NoticeObjection }
  | { kind: 'cancellation'; request: CancellationRequest }
  | { kind: 'clawback'; proposal: ClawbackProposal };

export interface ApplyDisbursementRequestCommand {
  grantId: string;
  request: DisbursementRequest;
  /** The asking event: its identity (source, id) is the update id, so Temporal takes a redelivery once. */
  event: Pick<SansheEvent<EventType>, 'source' | 'id'>;
}

export type ApplyDisbursementRequestResult = 'accepted' | DisbursementRequestRefusal;

/**
 * Applies a party's request to `disbursement/<grantId>` (docs/decisions.md, "Grant disbursement"): an objection
 * as the Update objectDuringNotice; a cancellation or a clawback as requestCancellation or proposeClawback, which
 * complete only when their child decision settles, so they are started and answered once accepted (the inbox
 * transaction never waits for a decision). The workflow's refusal is answered as data (its code kebab-cased);
 * no disbursement is `unknown-grant`, an ended one `disbursement-closed`. Nothing is parked: these requests
 * only make sense of a running disbursement. A Temporal call past its deadline throws, and the inbox retries.
 */
@Injectable()
export class ApplyDisbursementRequestHandler {
  constructor(private readonly temporal: TemporalClientHolder) {}

  async execute(command: ApplyDisbursementRequestCommand, again = false): Promise<ApplyDisbursementRequestResult> {
    const { grantId, request, event } = command;
    const workflowId = disbursementWorkflowId(grantId);
    try {
      const updateId = eventIdentity(event);
      await this.temporal.bounded((client) => this.send(client.workflow.getHandle(workflowId), request, updateId));
      return 'accepted';
    } catch (err) {
      if (err instanceof WorkflowNotFoundError) {
        const status = await this.statusOf(workflowId);
        // Between two runs (continue-as-new) an Update may find none: once more on the running one.
        if (status === 'RUNNING' && !again) return this.execute(command, true);
        return status === null
          ? { code: 'unknown-grant', message: `no disbursement was started for grant ${grantId}` }
          : { code: 'disbursement-closed', message: `the disbursement of ${grantId} ended (${status})` };
      }
      if (!(err instanceof WorkflowUpdateFailedError)) throw err; // deadline, Temporal unreachable: the inbox retries
      return disbursementRefusalOf(err) ?? { code: 'refused', message: err.cause?.message ?? err.message };
    }
  }

  private send(handle: WorkflowHandle, request: DisbursementRequest, updateId: string): Promise<unknown> {
    switch (request.kind) {
      case 'objection':
        return handle.executeUpdate(objectDuringNoticeUpdate, { updateId, args: [request.objection] });
      case 'cancellation':
        return startUpdateUntilAccepted(handle, requestCancellationUpdate, { updateId, args: [request.request] });
      case 'clawback':
        return startUpdateUntilAccepted(handle, proposeClawbackUpdate, { updateId, args: [request.proposal] });
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
