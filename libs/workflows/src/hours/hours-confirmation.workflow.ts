import { ApplicationFailure } from '@temporalio/common';
import * as wf from '@temporalio/workflow';
import { StageKey } from '../decision/search-attributes';
import type { HoursActivities } from './activities';
import { runChildDecision } from './child-decision';
import { checkConfirm, checkDispute, type HoursRefusal, type HoursState } from './domain/hours-rules';
import {
  confirmHoursUpdate,
  disputeHoursUpdate,
  HOURS_DISPUTE_KIND,
  type DisputeHoursRequest,
  type HoursConfirmationInput,
  type HoursOutcome,
  type HoursStage,
  hoursStateQuery,
  TALENT_ACTIVITIES_TASK_QUEUE,
} from './hours.api';

// Talent records the outcome: unlimited retries with backoff, so a talent outage delays it, never loses it.
const talentActivities = (taskQueue = TALENT_ACTIVITIES_TASK_QUEUE) =>
  wf.proxyActivities<HoursActivities>({
    taskQueue,
    // One short transaction: a worker that died holding the task is given up on soon, and it is retried.
    startToCloseTimeout: '10 seconds',
    retry: { initialInterval: '1 second', maximumInterval: '1 minute' },
  });

/** Same shape as the decision's refusals: the code is the failure's type, read as data by callers. */
const refusalFailure = (refusal: HoursRefusal) =>
  ApplicationFailure.create({ type: refusal.code, message: refusal.message, nonRetryable: true });

const throwIfRefused = (verdict: HoursRefusal | 'duplicate' | null) => {
  if (verdict && verdict !== 'duplicate') throw refusalFailure(verdict);
};

/**
 * Hours recorded by the employing organization, confirmed by a second party (docs/decisions.md, "Hours
 * confirmed by two parties"): the community confirms, disputes, or stays silent until confirmBy, which
 * confirms them (silence is not a veto). A dispute is settled by a child decision (kind hours-dispute).
 * Talent records the outcome through its activities.
 */
export async function hoursConfirmationWorkflow(input: HoursConfirmationInput): Promise<HoursOutcome> {
  const state: HoursState = {
    communityCode: input.communityCode,
    deadline: Date.parse(input.confirmBy),
    stage: 'awaiting',
    confirmed: null,
    disputed: null,
    outcome: null,
  };
  handleUpdatesAndQueries(input, state);
  await wf.condition(
    () => state.confirmed !== null || state.disputed !== null,
    Math.max(state.deadline - Date.now(), 1),
  );
  const outcome = state.disputed
    ? await settleDispute(input, state, state.disputed)
    : ({ result: 'confirmed', confirmedBy: state.confirmed ? 'community' : 'silence' } satisfies HoursOutcome);
  moveTo(state, 'settling');
  const { recordConfirmedHours, rejectHours } = talentActivities(input.talentTaskQueue);
  if (outcome.result === 'confirmed') {
    await recordConfirmedHours({ hoursId: input.hoursId, confirmedBy: outcome.confirmedBy, ...decisionOf(outcome) });
  } else {
    await rejectHours({ hoursId: input.hoursId, decisionId: outcome.decisionId });
  }
  state.outcome = outcome;
  moveTo(state, 'closed');
  await wf.condition(wf.allHandlersFinished);
  return outcome;
}

const decisionOf = (outcome: HoursOutcome) => (outcome.decisionId ? { decisionId: outcome.decisionId } : {});

function moveTo(state: HoursState, stage: HoursStage): void {
  state.stage = stage;
  wf.upsertSearchAttributes([{ key: StageKey, value: stage }]);
}

async function settleDispute(
  input: HoursConfirmationInput,
  state: HoursState,
  dispute: DisputeHoursRequest,
): Promise<HoursOutcome> {
  moveTo(state, 'disputed');
  const { decisionId, outcome } = await runChildDecision({
    kind: HOURS_DISPUTE_KIND,
    subjectId: input.hoursId,
    communityCode: input.communityCode,
    proposerId: `organization:${input.organizationId}`,
    title: `志愿服务时长争议：${input.minutes} 分钟`,
    summary: `${dispute.partyId} 对活动 ${input.activityId} 的服务时长提出异议（${dispute.reason.code}）：${dispute.reason.text}`,
    openedBy: {
      eventId: dispute.eventId ?? `${wf.workflowInfo().workflowId}/dispute`,
      type: 'sanshe.community.hours.disputed.v1',
    },
  });
  state.decisionId = decisionId;
  return outcome.result === 'approved'
    ? { result: 'confirmed', confirmedBy: 'decision', decisionId }
    : { result: 'rejected', decisionId };
}

function handleUpdatesAndQueries(input: HoursConfirmationInput, state: HoursState): void {
  wf.setHandler(
    confirmHoursUpdate,
    (request) => {
      const duplicate = state.confirmed !== null;
      if (!duplicate) state.confirmed = request;
      return { duplicate };
    },
    { validator: (request) => throwIfRefused(checkConfirm(state, request, Date.now())) },
  );
  wf.setHandler(
    disputeHoursUpdate,
    (request) => {
      const duplicate = state.disputed !== null;
      if (!duplicate) state.disputed = request;
      return { duplicate };
    },
    { validator: (request) => throwIfRefused(checkDispute(state, request, Date.now())) },
  );
  wf.setHandler(hoursStateQuery, () => ({
    hoursId: input.hoursId,
    communityCode: input.communityCode,
    stage: state.stage,
    confirmBy: input.confirmBy,
    ...(state.disputed ? { disputedBy: state.disputed.castBy } : {}),
    ...(state.decisionId ? { decisionId: state.decisionId } : {}),
    outcome: state.outcome,
  }));
}
