import { Injectable } from '@nestjs/common';
import { type WorkflowHandle, WorkflowNotFoundError, WorkflowUpdateFailedError } from '@temporalio/client';
import { ApplicationFailure } from '@temporalio/common';
import {
  disbursementStateQuery,
  type DisbursementView,
  disbursementWorkflowId,
  retryPaymentUpdate,
} from '@sanshe/workflows';
import { TemporalClientHolder } from '../../decisions/decisions.module';

export type OperatorAnswer<T> = { found: T } | { missing: string } | { refused: string; message: string };

/**
 * What operators do to a grant's disbursement over HTTP (docs/operations.md): read its state (the workflow's
 * `state` query: amounts, stages, evidence hashes and party ids — no personal data), and retry a payment that is
 * stuck (the Update retryPayment, paying with the same key: funding cannot pay the tranche twice).
 */
@Injectable()
export class OperateDisbursementHandler {
  constructor(private readonly temporal: TemporalClientHolder) {}

  state(grantId: string): Promise<OperatorAnswer<DisbursementView>> {
    return this.onWorkflow(grantId, (handle) => handle.query(disbursementStateQuery));
  }

  retryPayment(grantId: string, operatorId: string): Promise<OperatorAnswer<{ retrying: true; operatorId: string }>> {
    return this.onWorkflow(grantId, (handle) => handle.executeUpdate(retryPaymentUpdate, { args: [{ operatorId }] }));
  }

  private async onWorkflow<T>(
    grantId: string,
    call: (handle: WorkflowHandle) => Promise<T>,
  ): Promise<OperatorAnswer<T>> {
    try {
      return {
        found: await this.temporal.bounded((client) =>
          call(client.workflow.getHandle(disbursementWorkflowId(grantId))),
        ),
      };
    } catch (err) {
      if (err instanceof WorkflowNotFoundError) return { missing: `no disbursement for grant ${grantId}` };
      if (!(err instanceof WorkflowUpdateFailedError)) throw err;
      const failure = err.cause;
      const refused = failure instanceof ApplicationFailure && failure.type ? failure.type : 'refused';
      return { refused, message: failure?.message ?? err.message };
    }
  }
}
