// A test workflow of funding-linkage.serial-spec.ts (bundled by its test worker, never by governance's):
// it asks funding's worker to pay one tranche twice at once, as a retried or duplicated workflow step would.
import { proxyActivities } from '@temporalio/workflow';
import type { FundingActivities, PaymentOutcome } from '@sanshe/workflows';

export interface PayTrancheTwiceInput {
  grantId: string;
  trancheNo: number;
  /** Funding's activity task queue (FUNDING_TEMPORAL_TASK_QUEUE). */
  fundingTaskQueue: string;
}

export async function payTrancheTwice(input: PayTrancheTwiceInput): Promise<PaymentOutcome[]> {
  const { payTranche } = proxyActivities<FundingActivities>({
    taskQueue: input.fundingTaskQueue,
    startToCloseTimeout: '10 seconds',
    retry: { maximumAttempts: 3 },
  });
  const tranche = { grantId: input.grantId, trancheNo: input.trancheNo };
  return Promise.all([payTranche(tranche), payTranche(tranche)]);
}
