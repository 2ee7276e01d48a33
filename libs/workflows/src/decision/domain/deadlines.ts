import { closeDeliberation } from './deliberation';
import {
  awaitedSeats,
  type DecisionContext,
  type DecisionState,
  type Fact,
  type FinalOutcome,
  partyDeadline,
  pendingParties,
  type Step,
  tally,
  verdict,
} from './decision-state';
import { applyDefault, escalate } from './escalation';
import { silenceAt } from './vote-time';

/**
 * Time (rules 2, 4 and 5 of docs/decisions.md): what happens when deadlines pass, whether or not
 * anybody acts. The workflow calls `advance` at every timer and before every update.
 */

/**
 * Moves the decision forward in time: silent parties abstain at their deadlines, deliberation
 * closes, the tally decides or escalates, and a silent arbiter's default applies. Pure and
 * idempotent: calling it twice at the same time changes nothing the second time.
 */
export function advance(ctx: DecisionContext, state: DecisionState, now: number): Step {
  const facts: Fact[] = [];
  let current = state;
  for (;;) {
    const step = advanceOnce(ctx, current, now);
    if (!step) return { state: current, facts };
    current = step.state;
    facts.push(...step.facts);
  }
}

function advanceOnce(ctx: DecisionContext, state: DecisionState, now: number): Step | null {
  if (state.stage === 'decided') return null;
  if (state.stage === 'escalated')
    return state.escalation && now >= silenceAt(ctx, state.escalation.deadline) ? applyDefault(ctx, state, now) : null;
  const silence = abstainSilent(ctx, state, now);
  if (silence) return silence;
  return state.stage === 'deliberation' ? closeDeliberation(state, now) : countVotes(ctx, state, now);
}

/**
 * Rule 4: parties still silent at their deadline abstain, recorded at the deadline itself, once the
 * grace for votes still in transit has passed (vote-time.ts).
 */
function abstainSilent(ctx: DecisionContext, state: DecisionState, now: number): Step | null {
  const silent = awaitedSeats(ctx, state).filter((seat) => now >= silenceAt(ctx, partyDeadline(state, seat)));
  if (silent.length === 0) return null;
  const votes = { ...state.votes };
  const facts: Fact[] = silent.map((seat) => {
    const deadline = partyDeadline(state, seat);
    votes[seat.partyId] = { choice: 'abstain', at: deadline, bySilence: true };
    return { type: 'abstained-by-silence', partyId: seat.partyId, round: state.round, deadline };
  });
  return { state: { ...state, votes }, facts };
}

/** Outside deliberation the tally decides at once, escalates, or waits for more votes (null). */
function countVotes(ctx: DecisionContext, state: DecisionState, now: number): Step | null {
  const t = tally(ctx, state);
  const v = verdict(t);
  if (v === 'open') return null;
  if (v === 'escalate') return escalate(ctx, state, 1, now, t);
  const outcome: FinalOutcome = {
    result: v,
    decidedBy: 'votes',
    level: 0,
    at: now,
    reason:
      v === 'approved'
        ? `approving weight ${t.approve} reached quorum ${t.quorum}`
        : `objecting weight ${t.object} leaves ${t.total - t.object} < quorum ${t.quorum}`,
  };
  return { state: { ...state, stage: 'decided', outcome }, facts: [{ type: 'decided', outcome, tally: t }] };
}

/** The next moment at which `advance` could change something, or null once decided. */
export function nextWakeAt(ctx: DecisionContext, state: DecisionState): number | null {
  if (state.stage === 'decided') return null;
  if (state.stage === 'escalated') return state.escalation ? silenceAt(ctx, state.escalation.deadline) : null;
  const times = pendingParties(ctx, state).map((p) => silenceAt(ctx, p.deadline));
  if (state.deliberationUntil !== null) times.push(state.deliberationUntil);
  return times.length > 0 ? Math.min(...times) : null;
}
