import { advance, nextWakeAt } from '../../src/decision/domain/deadlines';
import {
  type DecisionContext,
  type DecisionState,
  type Fact,
  openDecision,
  type Step,
} from '../../src/decision/domain/decision-state';
import { amend, type AmendmentRequest, checkAmendment } from '../../src/decision/domain/deliberation';
import { arbitrate, type ArbitrationRequest, checkArbitration } from '../../src/decision/domain/escalation';
import type { Refusal } from '../../src/decision/domain/refusals';
import { castVote, checkVote, type VoteRequest } from '../../src/decision/domain/votes';

/**
 * Runs the pure decision state machine to completion with a simulated clock, the way the workflow
 * drives it: every timer fires exactly at `nextWakeAt`, every request is first checked against the
 * state brought up to its time (the update validator), applied only if accepted, and followed by
 * another `advance` at the same time (the workflow's main loop).
 */

export type TimedRequest =
  | { type: 'vote'; at: number; vote: VoteRequest }
  | { type: 'amend'; at: number; amendment: AmendmentRequest }
  | { type: 'arbitrate'; at: number; arbitration: ArbitrationRequest };

export interface TimedFact {
  at: number;
  fact: Fact;
}

/** The state after each step that changed something, with what caused it. */
export interface Snapshot {
  at: number;
  cause: 'advance' | TimedRequest['type'];
  state: DecisionState;
}

export interface SimulationResult {
  state: DecisionState;
  facts: TimedFact[];
  accepted: TimedRequest[];
  /** Accepted as a repeat of what was already recorded: no effect. */
  duplicates: TimedRequest[];
  refusals: { request: TimedRequest; refusal: Refusal }[];
  trace: Snapshot[];
}

export interface SimulationOptions {
  /** Stop advancing at this time even if undecided (default: run until decided or nothing is left to wait for). */
  until?: number;
  /** A guard against a state machine that never settles. */
  maxSteps?: number;
}

export function simulate(
  ctx: DecisionContext,
  openedAt: number,
  requests: readonly TimedRequest[],
  options: SimulationOptions = {},
): SimulationResult {
  const maxSteps = options.maxSteps ?? 10_000;
  const result: SimulationResult = {
    state: openDecision(openedAt),
    facts: [],
    accepted: [],
    duplicates: [],
    refusals: [],
    trace: [{ at: openedAt, cause: 'advance', state: openDecision(openedAt) }],
  };
  let steps = 0;

  const apply = (step: Step, at: number, cause: Snapshot['cause']) => {
    if (++steps > maxSteps) throw new Error(`the decision did not settle within ${maxSteps} steps`);
    result.state = step.state;
    for (const fact of step.facts) result.facts.push({ at, fact });
    if (step.facts.length > 0) result.trace.push({ at, cause, state: step.state });
  };

  /** A timer at `wake`: advancing there must change something, or the clock would spin forever. */
  const fireTimer = (wake: number) => {
    const before = result.state;
    apply(advance(ctx, before, wake), wake, 'advance');
    if (result.state === before) {
      throw new Error(`nextWakeAt returned ${new Date(wake).toISOString()}, but advance changed nothing there`);
    }
  };

  const advanceTo = (to: number) => {
    for (;;) {
      const wake = nextWakeAt(ctx, result.state);
      if (wake === null || wake >= to) break;
      fireTimer(wake);
    }
    apply(advance(ctx, result.state, to), to, 'advance');
  };

  // Array.prototype.sort is stable: requests at the same time keep the order they were given in.
  const ordered = [...requests].sort((a, b) => a.at - b.at);
  for (const request of ordered) {
    if (request.at < openedAt) throw new Error('a request cannot arrive before the decision opens');
    if (options.until !== undefined && request.at > options.until) break;
    advanceTo(request.at);
    const { at } = request;
    const state = result.state;
    let check: Refusal | 'duplicate' | null;
    let step: () => Step;
    switch (request.type) {
      case 'vote':
        check = checkVote(ctx, state, request.vote, at);
        step = () => castVote(ctx, state, request.vote, at);
        break;
      case 'amend':
        check = checkAmendment(ctx, state, request.amendment);
        step = () => amend(ctx, state, request.amendment, at);
        break;
      case 'arbitrate':
        check = checkArbitration(ctx, state, request.arbitration, at);
        step = () => arbitrate(ctx, state, request.arbitration, at);
        break;
    }
    if (check !== null && check !== 'duplicate') {
      result.refusals.push({ request, refusal: check });
      continue;
    }
    (check === 'duplicate' ? result.duplicates : result.accepted).push(request);
    apply(step(), at, request.type);
    apply(advance(ctx, result.state, at), at, 'advance');
  }

  for (;;) {
    if (result.state.stage === 'decided') break;
    const wake = nextWakeAt(ctx, result.state);
    if (wake === null || (options.until !== undefined && wake > options.until)) break;
    fireTimer(wake);
  }
  if (options.until !== undefined && result.state.stage !== 'decided') {
    apply(advance(ctx, result.state, options.until), options.until, 'advance');
  }
  return result;
}

/** Convenience constructors for requests. */
export const voteAt = (at: number, vote: VoteRequest): TimedRequest => ({ type: 'vote', at, vote });
export const amendAt = (at: number, amendment: AmendmentRequest): TimedRequest => ({ type: 'amend', at, amendment });
export const arbitrateAt = (at: number, arbitration: ArbitrationRequest): TimedRequest => ({
  type: 'arbitrate',
  at,
  arbitration,
});

/** The value, or a test failure naming what was missing (instead of a non-null assertion). */
export function must<T>(value: T | null | undefined, what = 'value'): T {
  if (value === null || value === undefined) throw new Error(`expected a ${what}, got ${String(value)}`);
  return value;
}
