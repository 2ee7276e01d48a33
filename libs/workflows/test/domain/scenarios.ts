import { type DecisionContext, type DecisionState, openDecision } from '../../src/decision/domain/decision-state';
import type { Refusal } from '../../src/decision/domain/refusals';
import { HOUR, OPENED_AT } from './arbitraries';
import { approve, COMMUNITY, FUNDER, object, RESIDENTS, streetCtx, TALENT } from './fixtures';
import { simulate, type TimedRequest, voteAt } from './simulate';

/*
 * Named states of the street example's decision, and the helpers the rule specs share.
 */

/** Hours after the decision opened, as a timestamp. */
export const h = (hours: number) => OPENED_AT + hours * HOUR;
export const ctx = streetCtx();
export const codeOf = (check: Refusal | 'duplicate' | null) =>
  check === null || check === 'duplicate' ? check : check.code;

/** The state after the given requests, without running the clock past the last of them. */
export const stateAfter = (requests: TimedRequest[], context: DecisionContext = ctx): DecisionState => {
  const until = Math.max(OPENED_AT, ...requests.map((r) => r.at));
  const run = simulate(context, OPENED_AT, requests, { until });
  expect(run.refusals).toEqual([]);
  return run.state;
};
export const open = openDecision(OPENED_AT);
/** FUNDER objected at 10 h: deliberation until 82 h. */
export const deliberating = () => stateAfter([voteAt(h(1), approve(COMMUNITY)), voteAt(h(10), object(FUNDER))]);
/** Everybody silent: escalated to the street at 168 h (deadline 240 h). */
export const escalated = () => simulate(ctx, OPENED_AT, [], { until: h(200) }).state;
/** COMMUNITY, RESIDENTS and TALENT approved in the first hour: 5 of 8, approved at once. */
export const approved = () => stateAfter([COMMUNITY, RESIDENTS, TALENT].map((p) => voteAt(h(1), approve(p))));
