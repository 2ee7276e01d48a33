import type { DecisionOutcome, DecisionPolicy, PartySeat } from '@sanshe/contracts';
import { totalWeight } from './policy-rules';

/**
 * The rules of a decision (DESIGN.md §4) as a pure state machine: no clock, no I/O. The workflow
 * feeds it votes and the current (deterministic) time; the property tests feed it the same with a
 * simulated clock. Every change comes back as a list of facts, which the workflow writes to the
 * audit trail and publishes.
 */

export const HOUR_MS = 3_600_000;
/** Policy durations are hours, possibly fractional (tests use seconds); timers want whole milliseconds. */
export const hoursToMs = (hours: number) => Math.round(hours * HOUR_MS);

export type Choice = 'approve' | 'object' | 'abstain';
export interface ObjectionReason {
  code: string;
  text: string;
}

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
}

export interface AmendmentRequest {
  castBy: string;
  /** What changed, for the other parties and the audit trail. */
  revision: string;
}

export interface ArbitrationRequest {
  arbiterId: string;
  castBy: string;
  result: DecisionOutcome;
  reason: string;
}

export interface RecordedVote {
  choice: Choice;
  reason?: ObjectionReason;
  at: number;
  /** Rule 4: silence is not a veto — the party's deadline passed and it counts as abstaining. */
  bySilence?: true;
}

export type Stage = 'voting' | 'deliberation' | 'escalated' | 'decided';

export interface FinalOutcome {
  result: DecisionOutcome;
  decidedBy: 'votes' | 'arbiter' | 'default';
  /** 0 when decided by the parties' votes, else the escalation level that settled it. */
  level: number;
  at: number;
  reason: string;
}

export interface DecisionContext {
  policy: DecisionPolicy;
  /** The party that proposed; it may not vote on its own proposal (its seat, if any, is recused). */
  proposerId: string;
}

export interface DecisionState {
  stage: Stage;
  round: number;
  roundStartedAt: number;
  amendments: number;
  votes: Record<string, RecordedVote>;
  deliberationUntil: number | null;
  /**
   * Parties whose objection opened or extended deliberation in this round. Each party extends it once
   * per round, so a party cannot hold a decision open by objecting again and again (no veto by delay).
   */
  objectors: string[];
  escalation: { level: number; deadline: number } | null;
  outcome: FinalOutcome | null;
}

export interface Tally {
  approve: number;
  object: number;
  abstain: number;
  pending: number;
  total: number;
  quorum: number;
}

export type Fact =
  | { type: 'vote-cast'; partyId: string; choice: Choice; reason?: ObjectionReason; round: number; changed: boolean }
  | { type: 'abstained-by-silence'; partyId: string; round: number; deadline: number }
  | { type: 'deliberation-opened'; objector: string; reason: ObjectionReason; until: number }
  | { type: 'deliberation-closed'; round: number }
  | { type: 'amended'; round: number; revision: string }
  | { type: 'escalated'; level: number; arbiterId: string; deadline: number; tally: Tally }
  | { type: 'arbitrated'; level: number; arbiterId: string; result: DecisionOutcome; reason: string }
  | { type: 'decided'; outcome: FinalOutcome; tally: Tally };

export interface Step {
  state: DecisionState;
  facts: Fact[];
}

export type RefusalCode =
  | 'wrong-identity'
  | 'conflict-of-interest'
  | 'not-a-party'
  | 'stale-round'
  | 'reason-required'
  | 'past-deadline'
  | 'changed-vote'
  | 'voting-closed'
  | 'decision-closed'
  | 'not-the-proposer'
  | 'no-deliberation'
  | 'amendment-limit'
  | 'not-escalated'
  | 'not-the-arbiter';

/** Why an update is refused; the message is written for the person or portal that sent it. */
export interface Refusal {
  code: RefusalCode;
  message: string;
}

const refuse = (code: RefusalCode, message: string): Refusal => ({ code, message });

export function openDecision(now: number): DecisionState {
  return {
    stage: 'voting',
    round: 1,
    roundStartedAt: now,
    amendments: 0,
    votes: {},
    deliberationUntil: null,
    objectors: [],
    escalation: null,
    outcome: null,
  };
}

const seatOf = (ctx: DecisionContext, partyId: string) => ctx.policy.parties.find((s) => s.partyId === partyId);

export const partyDeadline = (state: DecisionState, seat: PartySeat) =>
  state.roundStartedAt + hoursToMs(seat.voteWindowHours);

/**
 * The seats that vote on this decision, their total weight and the quorum they need. When the
 * proposer holds a seat, that seat is recused (rule 6) and leaves the electorate, and the quorum
 * shrinks in proportion, kept where no remaining party can block the others (their weight without it
 * still reaches the quorum) or approve alone (its weight stays below the quorum). So "no single veto"
 * does not depend on who proposes. In an electorate too small for both (e.g. two equal seats left),
 * no single veto wins, since that is what the platform exists for.
 */
export function electorate(ctx: DecisionContext): { seats: PartySeat[]; total: number; quorum: number } {
  const seats = ctx.policy.parties.filter((seat) => seat.partyId !== ctx.proposerId);
  const total = seats.reduce((sum, seat) => sum + seat.weight, 0);
  const policyTotal = totalWeight(ctx.policy);
  if (total === policyTotal) return { seats, total, quorum: ctx.policy.quorum };
  const heaviest = Math.max(...seats.map((seat) => seat.weight));
  const proportional = Math.ceil((ctx.policy.quorum * total) / policyTotal);
  return { seats, total, quorum: Math.min(Math.max(proportional, heaviest + 1), total - heaviest) };
}

/** Weights by choice, over the electorate (a recused proposer's seat is not counted). */
export function tally(ctx: DecisionContext, state: DecisionState): Tally {
  const { seats, total, quorum } = electorate(ctx);
  const result: Tally = { approve: 0, object: 0, abstain: 0, pending: 0, total, quorum };
  for (const seat of seats) {
    const vote = state.votes[seat.partyId];
    if (!vote) result.pending += seat.weight;
    else result[vote.choice] += seat.weight;
  }
  return result;
}

/**
 * Rule 2: passes when approving weight reaches the quorum; fails only when so much weight objects
 * that the quorum is out of reach. Rule 5: with nobody left to vote and neither, it escalates.
 */
export function verdict(t: Tally): 'approved' | 'rejected' | 'escalate' | 'open' {
  if (t.approve >= t.quorum) return 'approved';
  if (t.total - t.object < t.quorum) return 'rejected';
  if (t.pending === 0) return 'escalate';
  return 'open';
}

/** The electorate's seats that have not voted in this round. */
const awaitedSeats = (ctx: DecisionContext, state: DecisionState) =>
  electorate(ctx).seats.filter((seat) => !state.votes[seat.partyId]);

/** Parties whose vote is still awaited, with their deadlines (for the query, search attributes and UI). */
export function pendingParties(ctx: DecisionContext, state: DecisionState): { partyId: string; deadline: number }[] {
  if (state.stage === 'decided') return [];
  if (state.stage === 'escalated' && state.escalation) {
    const step = ctx.policy.escalation[state.escalation.level - 1];
    return step ? [{ partyId: step.arbiterId, deadline: state.escalation.deadline }] : [];
  }
  return awaitedSeats(ctx, state).map((seat) => ({ partyId: seat.partyId, deadline: partyDeadline(state, seat) }));
}

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
  if (now >= deadline && !mayChange) {
    return refuse('past-deadline', `${vote.partyId}'s deadline ${new Date(deadline).toISOString()} has passed`);
  }
  if (recorded && !mayChange) {
    return refuse(
      'changed-vote',
      `${vote.partyId} already voted ${recorded.choice}; a vote can be changed only while an objection is deliberated`,
    );
  }
  return null;
}

const sameVote = (recorded: RecordedVote, vote: VoteRequest) =>
  recorded.choice === vote.choice && (recorded.reason?.code ?? null) === (vote.reason?.code ?? null);

/**
 * Applies a vote that checkVote accepted; a duplicate changes nothing and yields no fact (so callers
 * can tell it by `facts.length === 0`). An objection opens (or extends) the deliberation window (rule 3). */
export function castVote(ctx: DecisionContext, state: DecisionState, vote: VoteRequest, now: number): Step {
  if (checkVote(ctx, state, vote, now) === 'duplicate') return { state, facts: [] };
  const changed = state.votes[vote.partyId] !== undefined;
  const recorded: RecordedVote = { choice: vote.choice, at: now, ...(vote.reason ? { reason: vote.reason } : {}) };
  const next: DecisionState = { ...state, votes: { ...state.votes, [vote.partyId]: recorded } };
  const facts: Fact[] = [
    { type: 'vote-cast', partyId: vote.partyId, choice: vote.choice, round: state.round, changed, ...reasonOf(vote) },
  ];
  if (vote.choice === 'object' && vote.reason && !state.objectors.includes(vote.partyId)) {
    const until = Math.max(state.deliberationUntil ?? 0, now + hoursToMs(ctx.policy.deliberationHours));
    next.stage = 'deliberation';
    next.deliberationUntil = until;
    next.objectors = [...state.objectors, vote.partyId];
    facts.push({ type: 'deliberation-opened', objector: vote.partyId, reason: vote.reason, until });
  }
  return { state: next, facts };
}

const reasonOf = (vote: VoteRequest) => (vote.reason ? { reason: vote.reason } : {});

export function checkAmendment(
  ctx: DecisionContext,
  state: DecisionState,
  amendment: AmendmentRequest,
): Refusal | null {
  if (amendment.castBy !== ctx.proposerId) {
    return refuse('not-the-proposer', `only the proposer ${ctx.proposerId} can amend; ${amendment.castBy} cannot`);
  }
  if (state.stage === 'decided') return refuse('decision-closed', 'the decision is already decided');
  if (state.stage !== 'deliberation') {
    return refuse('no-deliberation', 'a proposal is amended in answer to an objection, while it is deliberated');
  }
  if (state.amendments >= ctx.policy.maxAmendments) {
    return refuse('amendment-limit', `policy ${ctx.policy.policyId} allows ${ctx.policy.maxAmendments} amendment(s)`);
  }
  return null;
}

/** A revision starts a new round: every party votes again on what is now proposed, with fresh deadlines. */
export function amend(state: DecisionState, amendment: AmendmentRequest, now: number): Step {
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
    },
    facts: [{ type: 'amended', round, revision: amendment.revision }],
  };
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
  if (now >= state.escalation.deadline) {
    return refuse(
      'past-deadline',
      `the arbiter's deadline ${new Date(state.escalation.deadline).toISOString()} has passed`,
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
    return state.escalation && now >= state.escalation.deadline ? applyDefault(ctx, state, now) : null;

  const silent = awaitedSeats(ctx, state).filter((seat) => now >= partyDeadline(state, seat));
  if (silent.length > 0) {
    const votes = { ...state.votes };
    const facts: Fact[] = silent.map((seat) => {
      const deadline = partyDeadline(state, seat);
      votes[seat.partyId] = { choice: 'abstain', at: deadline, bySilence: true };
      return { type: 'abstained-by-silence', partyId: seat.partyId, round: state.round, deadline };
    });
    return { state: { ...state, votes }, facts };
  }
  if (state.stage === 'deliberation') {
    if (state.deliberationUntil === null || now < state.deliberationUntil) return null;
    return {
      state: { ...state, stage: 'voting', deliberationUntil: null },
      facts: [{ type: 'deliberation-closed', round: state.round }],
    };
  }

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

function escalate(ctx: DecisionContext, state: DecisionState, level: number, from: number, t: Tally): Step {
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
function applyDefault(ctx: DecisionContext, state: DecisionState, now: number): Step {
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

/** The next moment at which `advance` could change something, or null once decided. */
export function nextWakeAt(ctx: DecisionContext, state: DecisionState): number | null {
  if (state.stage === 'decided') return null;
  if (state.stage === 'escalated') return state.escalation?.deadline ?? null;
  const times = pendingParties(ctx, state).map((p) => p.deadline);
  if (state.deliberationUntil !== null) times.push(state.deliberationUntil);
  return times.length > 0 ? Math.min(...times) : null;
}
