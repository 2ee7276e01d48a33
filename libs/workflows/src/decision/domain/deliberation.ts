import {
  type DecisionContext,
  type DecisionState,
  hoursToMs,
  type ObjectionReason,
  ruleOn,
  type Step,
} from './decision-state';
import { type Refusal, refuse } from './refusals';

/**
 * Deliberation and amendment (rule 3 of docs/decisions.md): an objection opens a window in which the
 * proposer may revise and the parties that voted may change their vote; nothing is decided meanwhile.
 */

export interface AmendmentRequest {
  castBy: string;
  /** What changed, for the other parties and the audit trail. */
  revision: string;
}

/**
 * An objection opens the window, or extends it to `deliberationHours` from now. Each party does so
 * once per round (a party already among the objectors changes nothing here), so no party can hold a
 * decision open by objecting again and again.
 */
export function openDeliberation(
  ctx: DecisionContext,
  state: DecisionState,
  objector: string,
  reason: ObjectionReason,
  now: number,
): Step {
  if (state.objectors.includes(objector)) return { state, facts: [] };
  const until = Math.max(state.deliberationUntil ?? 0, now + hoursToMs(ctx.policy.deliberationHours));
  return {
    state: { ...state, stage: 'deliberation', deliberationUntil: until, objectors: [...state.objectors, objector] },
    facts: [{ type: 'deliberation-opened', objector, reason, until }],
  };
}

/** The window has run out: voting resumes (and the votes are counted again). Null while it is open. */
export function closeDeliberation(state: DecisionState, now: number): Step | null {
  if (state.deliberationUntil === null || now < state.deliberationUntil) return null;
  return {
    state: { ...state, stage: 'voting', deliberationUntil: null },
    facts: [{ type: 'deliberation-closed', round: state.round }],
  };
}

/** Returns a refusal, 'duplicate' for the revision the current round already votes on (no new round), or null. */
export function checkAmendment(
  ctx: DecisionContext,
  state: DecisionState,
  amendment: AmendmentRequest,
): Refusal | 'duplicate' | null {
  if (amendment.castBy !== ctx.proposerId) {
    return refuse('not-the-proposer', `only the proposer ${ctx.proposerId} can amend; ${amendment.castBy} cannot`);
  }
  if (ruleOn(ctx, 'idempotentAmendments') && state.revision === amendment.revision) return 'duplicate';
  if (state.stage === 'decided') return refuse('decision-closed', 'the decision is already decided');
  if (state.stage !== 'deliberation') {
    return refuse('no-deliberation', 'a proposal is amended in answer to an objection, while it is deliberated');
  }
  if (state.amendments >= ctx.policy.maxAmendments) {
    return refuse('amendment-limit', `policy ${ctx.policy.policyId} allows ${ctx.policy.maxAmendments} amendment(s)`);
  }
  return null;
}

/**
 * A revision starts a new round: every party votes again on what is now proposed, with fresh deadlines.
 * A repeat of the revision already applied (a redelivered amendment) changes nothing and yields no fact.
 */
export function amend(ctx: DecisionContext, state: DecisionState, amendment: AmendmentRequest, now: number): Step {
  if (checkAmendment(ctx, state, amendment) === 'duplicate') return { state, facts: [] };
  const round = state.round + 1;
  return {
    state: {
      ...state,
      stage: 'voting',
      round,
      roundStartedAt: now,
      amendments: state.amendments + 1,
      votes: {},
      deliberationUntil: null,
      objectors: [],
      revision: amendment.revision,
      voteChanges: {},
    },
    facts: [{ type: 'amended', round, revision: amendment.revision }],
  };
}
