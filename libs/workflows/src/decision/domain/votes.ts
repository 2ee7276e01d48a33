import { openDeliberation } from './deliberation';
import {
  type Choice,
  type DecisionContext,
  type DecisionState,
  type Fact,
  type ObjectionReason,
  partyDeadline,
  type RecordedVote,
  ruleOn,
  type Step,
} from './decision-state';
import { type Refusal, refuse } from './refusals';
import { describeCast, judgedTime } from './vote-time';

/** Votes (rules 1, 3 and 6 of docs/decisions.md): who may vote, when, and what a vote changes. */

export interface VoteRequest {
  /** Whose vote this is. */
  partyId: string;
  /** The authenticated identity that sent it (from the event's producer); must be the party itself. */
  castBy: string;
  choice: Choice;
  /** Required when objecting: rule 1, an objection is a vote with a reason, not a stop. */
  reason?: ObjectionReason;
  /** The round the voter saw; a vote for an older round (before an amendment) is refused. */
  round?: number;
  /**
   * When the broker appended the vote's event (ms since the epoch), set by the bridge only for topics
   * that keep the append time. The vote is judged by it (vote-time.ts); absent, by its arrival.
   */
  castAt?: number;
}

/** Changes per party per round when the policy does not say (docs/decisions.md, rule 3). */
export const DEFAULT_MAX_VOTE_CHANGES = 2;
export const maxVoteChanges = (ctx: DecisionContext) => ctx.policy.maxVoteChangesPerRound ?? DEFAULT_MAX_VOTE_CHANGES;

const seatOf = (ctx: DecisionContext, partyId: string) => ctx.policy.parties.find((s) => s.partyId === partyId);

/** Returns a refusal, 'duplicate' for a repeat of the vote already recorded (accepted, no effect), or null. */
export function checkVote(
  ctx: DecisionContext,
  state: DecisionState,
  vote: VoteRequest,
  now: number,
): Refusal | 'duplicate' | null {
  if (vote.castBy !== vote.partyId) {
    return refuse(
      'wrong-identity',
      `${vote.castBy} cannot cast a vote for ${vote.partyId}: only a party votes for itself`,
    );
  }
  const recorded = state.votes[vote.partyId];
  const sameRound = vote.round === undefined || vote.round === state.round;
  if (recorded && !recorded.bySilence && sameRound && sameVote(recorded, vote)) return 'duplicate';
  if (state.stage === 'decided') return refuse('decision-closed', 'the decision is already decided');
  if (state.stage === 'escalated') {
    return refuse('voting-closed', `voting has closed: the decision is with arbiter level ${state.escalation?.level}`);
  }
  if (vote.partyId === ctx.proposerId) {
    return refuse('conflict-of-interest', `${vote.partyId} proposed this and cannot vote on its own proposal`);
  }
  const seat = seatOf(ctx, vote.partyId);
  if (!seat) {
    return refuse('not-a-party', `${vote.partyId} has no seat in policy ${ctx.policy.policyId} v${ctx.policy.version}`);
  }
  if (!sameRound) {
    return refuse(
      'stale-round',
      `the vote is for round ${vote.round}, but the proposal was amended: round ${state.round} is open`,
    );
  }
  if (vote.choice === 'object' && !vote.reason) {
    return refuse('reason-required', 'an objection needs a reason (code and text)');
  }
  const deadline = partyDeadline(state, seat);
  const mayChange = state.stage === 'deliberation' && recorded !== undefined && !recorded.bySilence;
  const castAt = judgedTime(ctx, vote.castAt, now, state.roundStartedAt);
  // Cast in time but delivered after the grace: its silence is already recorded, so it is late all the same.
  const silenceRecorded = recorded?.bySilence === true;
  if ((castAt >= deadline || silenceRecorded) && !mayChange) {
    const why = silenceRecorded && castAt < deadline ? ', and so has the grace' : describeCast(castAt, now);
    return refuse('past-deadline', `${vote.partyId}'s deadline ${new Date(deadline).toISOString()} has passed${why}`);
  }
  if (recorded && !mayChange) {
    return refuse(
      'changed-vote',
      `${vote.partyId} already voted ${recorded.choice}; a vote can be changed only while an objection is deliberated`,
    );
  }
  return recorded ? checkChangeLimit(ctx, state, vote.partyId) : null;
}

/** Rule 3: a party changes its vote at most the policy's number of times per round (no churn without end). */
function checkChangeLimit(ctx: DecisionContext, state: DecisionState, partyId: string): Refusal | null {
  if (!ruleOn(ctx, 'voteChangeLimit')) return null;
  const limit = maxVoteChanges(ctx);
  const made = state.voteChanges?.[partyId] ?? 0;
  if (made < limit) return null;
  const allowed = limit === 0 ? 'allows no change of vote' : `allows ${limit} change(s) of vote per round`;
  return refuse(
    'too-many-changes',
    `${partyId} changed its vote ${made} time(s) in round ${state.round}; policy ${ctx.policy.policyId} ${allowed}`,
  );
}

const sameVote = (recorded: RecordedVote, vote: VoteRequest) =>
  recorded.choice === vote.choice && (recorded.reason?.code ?? null) === (vote.reason?.code ?? null);

/**
 * Applies a vote that checkVote accepted; a duplicate changes nothing and yields no fact (so callers
 * can tell it by `facts.length === 0`). An objection opens (or extends) the deliberation window (rule 3). */
export function castVote(ctx: DecisionContext, state: DecisionState, vote: VoteRequest, now: number): Step {
  if (checkVote(ctx, state, vote, now) === 'duplicate') return { state, facts: [] };
  const changed = state.votes[vote.partyId] !== undefined;
  const at = judgedTime(ctx, vote.castAt, now, state.roundStartedAt);
  const recorded: RecordedVote = { choice: vote.choice, at, ...(vote.reason ? { reason: vote.reason } : {}) };
  const votes = { ...state.votes, [vote.partyId]: recorded };
  const voted: DecisionState = changed
    ? {
        ...state,
        votes,
        voteChanges: { ...state.voteChanges, [vote.partyId]: (state.voteChanges?.[vote.partyId] ?? 0) + 1 },
      }
    : { ...state, votes };
  const facts: Fact[] = [
    { type: 'vote-cast', partyId: vote.partyId, choice: vote.choice, round: state.round, changed, ...reasonOf(vote) },
  ];
  if (vote.choice !== 'object' || !vote.reason) return { state: voted, facts };
  const deliberation = openDeliberation(ctx, voted, vote.partyId, vote.reason, now);
  return { state: deliberation.state, facts: [...facts, ...deliberation.facts] };
}

const reasonOf = (vote: VoteRequest) => (vote.reason ? { reason: vote.reason } : {});
