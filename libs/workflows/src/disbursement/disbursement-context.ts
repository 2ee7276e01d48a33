import { ApplicationFailure } from '@temporalio/common';
import * as wf from '@temporalio/workflow';
import { StageKey } from '../decision/search-attributes';
import {
  FUNDING_ACTIVITY_FAILURE_TYPES,
  FUNDING_TASK_QUEUE,
  type FundingActivities,
} from '../funding/funding-activities';
import type { DisbursementActivities } from './activities';
import type { DisbursementInput, DisbursementStage } from './disbursement.api';
import type { DisbursementRefusal } from './domain/disbursement-rules';
import { currentTranche, type DisbursementState, nextFactId } from './domain/disbursement-state';
import { AmountDueFenKey, TrancheNoKey } from './search-attributes';

/**
 * Funding's own database and rail, on the grant's funding task queue: retried with backoff while it is away;
 * its refusals are not retried.
 */
export const fundingOf = (input: DisbursementInput) =>
  wf.proxyActivities<FundingActivities>({
    taskQueue: input.fundingTaskQueue ?? FUNDING_TASK_QUEUE,
    startToCloseTimeout: '1 minute',
    retry: {
      initialInterval: '1 second',
      maximumInterval: '10 minutes',
      nonRetryableErrorTypes: [...FUNDING_ACTIVITY_FAILURE_TYPES],
    },
  });

/** Governance's outbox and evidence table, on the workflow's own task queue. */
export const governance = wf.proxyActivities<DisbursementActivities>({
  startToCloseTimeout: '30 seconds',
  retry: { initialInterval: '1 second', maximumInterval: '1 minute' },
});

export interface Run {
  input: DisbursementInput;
  state: DisbursementState;
}

export const DAY_MS = 86_400_000;

/** Same shape as the decision's refusals: the code is the failure's type, read as data by callers. */
export const refusalFailure = (refusal: DisbursementRefusal) =>
  ApplicationFailure.create({ type: refusal.code, message: refusal.message, nonRetryable: true });

export const throwIfRefused = (refusal: DisbursementRefusal | null) => {
  if (refusal) throw refusalFailure(refusal);
};

/** Moves to `stage`, and shows it (with the tranche and what it pays) in the Temporal UI. */
export function moveTo({ input, state }: Run, stage: DisbursementStage): void {
  state.stage = stage;
  // Once completed the index is past the end: the UI shows the last tranche.
  const tranche = currentTranche(input, state) ?? input.tranches.at(-1);
  wf.upsertSearchAttributes([
    { key: StageKey, value: stage },
    { key: TrancheNoKey, value: tranche?.trancheNo ?? 0 },
    { key: AmountDueFenKey, value: stage === 'completed' || stage === 'cancelled' ? 0 : (tranche?.amountFen ?? 0) },
  ]);
  // The Temporal UI's "current details": where the grant stands, in a line an operator reads at a glance.
  const paid = state.paid.map((p) => `第 ${p.trancheNo} 期 ¥${(p.amountFen / 100).toFixed(2)}（${p.paymentId}）`);
  wf.setCurrentDetails(
    [
      `阶段 ${stage}，第 ${tranche?.trancheNo ?? '-'} / ${input.tranches.length} 期`,
      `已付：${paid.length > 0 ? paid.join('；') : '无'}`,
    ].join('\n'),
  );
}

/** Publishes `sanshe.governance.disbursement.<fact>.v1` under its deterministic id, and answers the id. */
export async function publishFact(
  { input, state }: Run,
  fact: string,
  trancheNo: number,
  data: Record<string, unknown>,
): Promise<string> {
  const eventId = nextFactId(state, input.grantId, fact, trancheNo);
  await governance.publishDisbursementFact({
    eventId,
    type: `sanshe.governance.disbursement.${fact}.v1`,
    grantId: input.grantId,
    data: { grantId: input.grantId, ...(trancheNo > 0 ? { trancheNo } : {}), ...data },
  });
  return eventId;
}

export const money = (input: DisbursementInput, amountFen: number) => ({ amountFen, currency: input.amount.currency });
