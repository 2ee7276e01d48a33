import type { DecisionOutcome } from '@sanshe/contracts/pure';
import {
  type DecisionContext,
  type DecisionState,
  type FinalOutcome,
  hoursToMs,
  type Step,
  type Tally,
  tally,
} from './decision-state';
import { type Refusal, refuse } from './refusals';
import { describeCast, escalationStart, judgedTime } from './vote-time';

/**
 * Escalation and arbitration (rule 5 of docs/decisions.md): what the votes do not settle goes up the
 * administrative hierarchy, one arbiter per level, each with a deadline and a default for its silence.
 */

export interface ArbitrationRequest {
  arbiterId: string;
  castBy: string;
  result: DecisionOutcome;
  reason: string;
  /** When the broker appended the ruling's event (ms since the epoch); judged like a vote's (vote-time.ts). */
  castAt?: number;
}

export function checkArbitration(
  ctx: DecisionContext,
  state: DecisionState,
  request: ArbitrationRequest,
  now: number,
): Refusal | 'duplicate' | null {
  if (request.castBy !== request.arbiterId) {
    return refuse('wrong-identity', `${request.castBy} cannot arbitrate for ${request.arbiterId}`);
  }
  const outcome = state.outcome;
  if (outcome?.decidedBy === 'arbiter' && outcome.result === request.result) {
    const step = ctx.policy.escalation[outcome.level - 1];
    if (step?.arbiterId === request.arbiterId) return 'duplicate';
  }
  if (state.stage === 'decided') return refuse('decision-closed', 'the decision is already decided');
  if (state.stage !== 'escalated' || !state.escalation) {
    return refuse('not-escalated', 'the decision has not been escalated: the parties are still voting');
  }
  const step = ctx.policy.escalation[state.escalation.level - 1];
  if (!step || step.arbiterId !== request.arbiterId) {
    return refuse(
      'not-the-arbiter',
      `level ${state.escalation.level} is arbitrated by ${step?.arbiterId}, not ${request.arbiterId}`,
    );
  }
  const castAt = judgedTime(ctx, request.castAt, now, escalationStart(ctx, state) ?? now);
  if (castAt >= state.escalation.deadline) {
    return refuse(
      'past-deadline',
      `the arbiter's deadline ${new Date(state.escalation.deadline).toISOString()} has passed${describeCast(castAt, now)}`,
    );
  }
  return null;
}

/** Applies a ruling that checkArbitration accepted; a repeat of the ruling yields no fact. */
export function arbitrate(ctx: DecisionContext, state: DecisionState, request: ArbitrationRequest, now: number): Step {
  if (checkArbitration(ctx, state, request, now) === 'duplicate' || !state.escalation) return { state, facts: [] };
  const level = state.escalation.level;
  const outcome: FinalOutcome = {
    result: request.result,
    decidedBy: 'arbiter',
    level,
    at: now,
    reason: request.reason,
  };
  const decided: DecisionState = { ...state, stage: 'decided', outcome };
  return {
    state: decided,
    facts: [
      { type: 'arbitrated', level, arbiterId: request.arbiterId, result: request.result, reason: request.reason },
      { type: 'decided', outcome, tally: tally(ctx, decided) },
    ],
  };
}

/** Hands the decision to the arbiter of `level`, whose deadline counts from `from`. */
export function escalate(ctx: DecisionContext, state: DecisionState, level: number, from: number, t: Tally): Step {
  const step = ctx.policy.escalation[level - 1];
  if (!step) throw new Error(`policy ${ctx.policy.policyId} has no escalation level ${level}`);
  const deadline = from + hoursToMs(step.deadlineHours);
  return {
    state: { ...state, stage: 'escalated', escalation: { level, deadline } },
    facts: [{ type: 'escalated', level, arbiterId: step.arbiterId, deadline, tally: t }],
  };
}

/**
 * The arbiter stayed silent past its deadline: its level's default outcome applies, or the next level is
 * asked. Each level's deadline counts from when the decision actually reached it (`now`), so a worker
 * that was down does not make the next arbiter's time run out before it was asked.
 */
export function applyDefault(ctx: DecisionContext, state: DecisionState, now: number): Step {
  const { level } = state.escalation!;
  const step = ctx.policy.escalation[level - 1]!;
  const t = tally(ctx, state);
  if (step.defaultOutcome === 'escalate') return escalate(ctx, state, level + 1, now, t);
  const outcome: FinalOutcome = {
    result: step.defaultOutcome,
    decidedBy: 'default',
    level,
    at: now,
    reason: `${step.arbiterId} did not arbitrate by its deadline; the level's default applies`,
  };
  return { state: { ...state, stage: 'decided', outcome }, facts: [{ type: 'decided', outcome, tally: t }] };
}
