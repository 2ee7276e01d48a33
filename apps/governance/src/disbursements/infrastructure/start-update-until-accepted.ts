import type { WorkflowHandle } from '@temporalio/client';
import { InternalWorkflowUpdateOptionsSymbol } from '@temporalio/client/lib/internal';
import type { UpdateDefinition } from '@temporalio/common';

/**
 * Starts an Update and returns once the workflow accepted it, without waiting for it to complete (a side
 * decision takes days). A validator's rejection does not make `startUpdate` throw: the server answers it as an
 * Update already completed, whose outcome the client keeps only in the SDK's internal update options (1.24).
 * With that outcome present, `result()` reads it without polling: it throws the rejection
 * (WorkflowUpdateFailedError) or answers an Update that completed at once. Accepted and still running: null.
 */
export async function startUpdateUntilAccepted<Ret, Args extends [unknown, ...unknown[]]>(
  handle: WorkflowHandle,
  update: UpdateDefinition<Ret, Args>,
  { updateId, args }: { updateId: string; args: Args },
): Promise<Ret | null> {
  const internal: { outcome?: unknown } = {};
  const options = {
    updateId,
    args,
    waitForStage: 'ACCEPTED' as const,
    [InternalWorkflowUpdateOptionsSymbol]: internal,
  };
  const started = await handle.startUpdate(update, options);
  return internal.outcome ? started.result() : null;
}
