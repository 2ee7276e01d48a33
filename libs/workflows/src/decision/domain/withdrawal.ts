import {
  type DecisionContext,
  type DecisionState,
  type FinalOutcome,
  type ObjectionReason,
  type Step,
  tally,
} from './decision-state';
import { type Refusal, refuse } from './refusals';

/**
 * Withdrawal (docs/decisions.md): the proposer may take its proposal back while the decision is open —
 * voting, deliberated or escalated. That ends the decision with result `withdrawn`, decided by the proposer;
 * nobody else can end it so (no single veto), and a decided decision stays decided.
 */

export interface WithdrawalRequest {
  /** The authenticated identity that sent it: must be the proposer. */
  castBy: string;
  /** Why, for the parties and the audit trail. */
  reason: ObjectionReason;
}

/** Returns a refusal, 'duplicate' when the proposer already withdrew it, or null. */
export function checkWithdrawal(
  ctx: DecisionContext,
  state: DecisionState,
  request: WithdrawalRequest,
): Refusal | 'duplicate' | null {
  if (request.castBy !== ctx.proposerId) {
    return refuse('not-the-proposer', `only the proposer ${ctx.proposerId} can withdraw; ${request.castBy} cannot`);
  }
  if (state.outcome?.result === 'withdrawn') return 'duplicate';
  if (state.stage === 'decided') return refuse('decision-closed', 'the decision is already decided');
  return null;
}

/** Ends the decision as withdrawn; a repeat of the withdrawal yields no fact. */
export function withdraw(ctx: DecisionContext, state: DecisionState, request: WithdrawalRequest, now: number): Step {
  if (checkWithdrawal(ctx, state, request) !== null) return { state, facts: [] };
  const outcome: FinalOutcome = {
    result: 'withdrawn',
    decidedBy: 'proposer',
    level: state.stage === 'escalated' ? (state.escalation?.level ?? 0) : 0,
    at: now,
    reason: `withdrawn by ${request.castBy}: ${request.reason.code}`,
  };
  const decided: DecisionState = { ...state, stage: 'decided', deliberationUntil: null, outcome };
  return {
    state: decided,
    facts: [
      { type: 'withdrawn', castBy: request.castBy, reason: request.reason, round: state.round },
      { type: 'decided', outcome, tally: tally(ctx, decided) },
    ],
  };
}
