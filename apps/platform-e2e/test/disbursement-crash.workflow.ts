// A test workflow of disbursement.serial-spec.ts (bundled by its test worker, never by governance's): it pays
// one tranche through funding's worker as the disbursement does (key grant + tranche), with a start-to-close
// short enough that the attempt a SIGKILLed funding never answered is retried within the test's budget (the
// disbursement's own is 1 minute).
import { proxyActivities } from '@temporalio/workflow';
import type { FundingActivities, PaymentOutcome } from '@sanshe/workflows';

export interface PayTrancheOnceInput {
  grantId: string;
  trancheNo: number;
  /** Funding's activity task queue (FUNDING_TEMPORAL_TASK_QUEUE). */
  fundingTaskQueue: string;
}

export async function payTrancheOnce(input: PayTrancheOnceInput): Promise<PaymentOutcome> {
  const { payTranche } = proxyActivities<FundingActivities>({
    taskQueue: input.fundingTaskQueue,
    startToCloseTimeout: '10 seconds',
    retry: { initialInterval: '1 second', maximumAttempts: 5 },
  });
  return payTranche({ grantId: input.grantId, trancheNo: input.trancheNo });
}
