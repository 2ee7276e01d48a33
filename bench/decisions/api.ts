import type { VoteRequest } from '@sanshe/workflows';
import { defineSignal, defineUpdate } from '@temporalio/workflow';

/**
 * The baseline workflows' surface, shared by the bench's sandboxed workflows (./workflows) and its
 * client side. Plain definitions, safe on both sides of the sandbox.
 */

/** The no-op Update of baseline B: takes a vote-sized argument and returns at once. */
export const noopUpdate = defineUpdate<number, [VoteRequest]>('noop');
/** Ends a baseline B workflow. */
export const doneSignal = defineSignal('done');

/** Every activity the bench worker registers: all of them are no-op fakes. */
export interface BenchActivities {
  noopActivity(): Promise<void>;
  publishDecisionEvent(event: unknown): Promise<void>;
}
