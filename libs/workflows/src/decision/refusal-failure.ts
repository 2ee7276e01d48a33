import { ApplicationFailure } from '@temporalio/common';
import type { Refusal } from './domain/refusals';

/**
 * How an update validator refuses: an ApplicationFailure whose `type` is the refusal code and whose
 * message is the plain reason, so callers read the code as data (refusalOf, in ../client) instead of
 * parsing text. Non-retryable: the same request would be refused again.
 */
export const refusalFailure = (refusal: Refusal): ApplicationFailure =>
  ApplicationFailure.create({ type: refusal.code, message: refusal.message, nonRetryable: true });
