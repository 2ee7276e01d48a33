import type { DecisionOutcome, DecisionPolicy, DecisionResult, PartySeat } from '@sanshe/contracts/pure';
import { totalWeight } from './policy-rules';

/**
 * The state of a decision and what every rule reads from it: the electorate, the tally and the
 * verdict (docs/decisions.md, "The rules, as implemented"). The rules themselves are pure state
 * transitions in votes.ts, deliberation.ts, escalation.ts and deadlines.ts: no clock, no I/O. The
 * workflow feeds them requests and the current (deterministic) time; the property tests feed them the
 * same with a simulated clock. Every change comes back as a list of facts, which the workflow writes
 * to the audit trail and publishes.
 */

export const HOUR_MS = 3_600_000;
/** Policy durations are hours, possibly fractional (tests use seconds); timers want whole milliseconds. */
export const hoursToMs = (hours: number) => Math.round(hours * HOUR_MS);

export type Choice = 'approve' | 'object' | 'abstain';
export interface ObjectionReason {
  code: string;
  text: string;
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
  /** withdrawn only by the proposer (withdrawal.ts); policies and arbiters name approved or rejected. */
  result: DecisionResult;
  decidedBy: 'votes' | 'arbiter' | 'default' | 'proposer';
  /** 0 when decided by the parties' votes, else the escalation level that settled it (or that it was withdrawn at). */
  level: number;
  at: number;
  reason: string;
}

/** What a decision workflow returns: its outcome and the tally it was decided on (a parent shows it). */
export interface DecidedOutcome extends FinalOutcome {
  /** Absent from decisions that ended before tallies were returned. */
  tally?: Tally;
}

export interface DecisionContext {
  policy: DecisionPolicy;
  /** The party that proposed; it may not vote on its own proposal (its seat, if any, is recused). */
  proposerId: string;
  /** How long after a deadline votes cast in time but still in transit are awaited (vote-time.ts); absent = 0. */
  voteGraceMs?: number;
  /** Which rules added since decisions first ran are on; absent = all of them (see RuleSwitches). */
  rules?: RuleSwitches;
}

/**
 * Rules added while decisions were already running. The workflow turns each on with its own
 * `patched()` id when a run starts, so a run that began on older code keeps its rules to the end
 * (docs/decisions.md, "Changing the workflow safely"). Pure callers (tests, tools) leave `rules` out.
 */
export interface RuleSwitches {
  /** Votes and rulings judged by the broker's append time, silence recorded after the grace (vote-time.ts). */
  castAt: boolean;
  /** At most the policy's `maxVoteChangesPerRound` changed votes per party per round (votes.ts). */
  voteChangeLimit: boolean;
  /** An amendment repeating the revision already applied opens no new round (deliberation.ts). */
  idempotentAmendments: boolean;
}

export const ruleOn = (ctx: DecisionContext, rule: keyof RuleSwitches) => ctx.rules?.[rule] ?? true;

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
  /** The revision the current round votes on (absent before any amendment, and in states carried from older runs). */
  revision?: string;
  /** How many times each party changed its vote in this round (bounded by the policy; reset by an amendment). */
  voteChanges?: Record<string, number>;
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
  | { type: 'withdrawn'; castBy: string; reason: ObjectionReason; round: number }
  | { type: 'decided'; outcome: FinalOutcome; tally: Tally };

export interface Step {
  state: DecisionState;
  facts: Fact[];
}

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
export const awaitedSeats = (ctx: DecisionContext, state: DecisionState) =>
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
