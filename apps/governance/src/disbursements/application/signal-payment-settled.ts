import { Injectable } from '@nestjs/common';
import { WorkflowNotFoundError } from '@temporalio/client';
import { disbursementWorkflowId, paymentSettledSignal } from '@sanshe/workflows';
import { TemporalClientHolder } from '../../decisions/decisions.module';

export interface SettledPayment {
  grantId: string;
  trancheNo: number;
  paymentId: string;
}

/**
 * Funding paid a tranche: tells `disbursement/<grantId>` at once, so the workflow asks funding for the payment now
 * instead of at its next poll. Only a hint (the workflow reads the payment from funding): a grant without a running
 * disbursement — paid before it existed, or already closed — has nothing to wake. A Temporal call past its deadline
 * throws, and the inbox retries.
 */
@Injectable()
export class SignalPaymentSettledHandler {
  constructor(private readonly temporal: TemporalClientHolder) {}

  async execute({ grantId, trancheNo, paymentId }: SettledPayment): Promise<'signalled' | 'no-disbursement'> {
    try {
      await this.temporal.bounded((client) =>
        client.workflow
          .getHandle(disbursementWorkflowId(grantId))
          .signal(paymentSettledSignal, { trancheNo, paymentId }),
      );
      return 'signalled';
    } catch (err) {
      if (err instanceof WorkflowNotFoundError) return 'no-disbursement';
      throw err;
    }
  }
}
