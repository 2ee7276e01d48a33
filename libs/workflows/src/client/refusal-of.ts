import { ApplicationFailure } from '@temporalio/common';
import { WorkflowUpdateFailedError } from '@temporalio/client';
import { isRefusalCode, type Refusal } from '../decision/domain/refusals';

/**
 * The refusal behind a failed vote, amendment or ruling. `executeUpdate` throws
 * WorkflowUpdateFailedError with the validator's failure as its cause (see refusalFailure); this
 * returns its code and reason, or null for anything else (another failure type, an unreachable
 * server), which the caller handles as it sees fit. Node side only: it needs the Temporal client.
 */
export function refusalOf(err: unknown): Refusal | null {
  if (!(err instanceof WorkflowUpdateFailedError)) return null;
  const failure = err.cause;
  if (!(failure instanceof ApplicationFailure) || !failure.type || !isRefusalCode(failure.type)) return null;
  return { code: failure.type, message: failure.message };
}
