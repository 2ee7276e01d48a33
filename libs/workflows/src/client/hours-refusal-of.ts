import { ApplicationFailure } from '@temporalio/common';
import { WorkflowUpdateFailedError } from '@temporalio/client';
import { type HoursRefusal, isHoursRefusalCode } from '../hours/domain/hours-rules';

/**
 * The refusal behind a failed confirm or dispute (the validator's ApplicationFailure, its type the code),
 * or null for anything else. Node side only: it needs the Temporal client.
 */
export function hoursRefusalOf(err: unknown): HoursRefusal | null {
  if (!(err instanceof WorkflowUpdateFailedError)) return null;
  const failure = err.cause;
  if (!(failure instanceof ApplicationFailure) || !failure.type || !isHoursRefusalCode(failure.type)) return null;
  return { code: failure.type, message: failure.message };
}
