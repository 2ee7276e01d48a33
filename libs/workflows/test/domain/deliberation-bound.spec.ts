import { castVote, checkVote } from '../../src/decision/domain/votes';
import { DAY, HOUR, OPENED_AT } from './arbitraries';
import { approve, COMMUNITY, FUNDER, object, PEER, RESIDENTS, streetCtx, TALENT } from './fixtures';
import { must, simulate, type TimedRequest, voteAt } from './simulate';

/**
 * No veto by delay: a party may object (and change its objection) while deliberation is open, but
 * only its first objection in a round opens or extends the window. These tests were written against
 * a version where every objection extended it, which let one party hold a decision open forever.
 */
describe('deliberation is bounded', () => {
  const ctx = streetCtx();
  const h = (hours: number) => OPENED_AT + hours * HOUR;
  const reasons = [
    { code: 'safety', text: 'Needs a second volunteer.' },
    { code: 'budget', text: 'Over budget.' },
  ];

  it('an objector changing its objection during deliberation is recorded but does not extend the window', () => {
    // FUNDER objects at 1 h (deliberation until 73 h), then re-objects at 70 h with another reason code.
    const state = simulate(ctx, OPENED_AT, [voteAt(h(1), object(FUNDER, reasons[0]))], { until: h(70) }).state;
    expect(state.deliberationUntil).toBe(h(73));
    expect(checkVote(ctx, state, object(FUNDER, reasons[1]), h(70))).toBeNull();
    const step = castVote(ctx, state, object(FUNDER, reasons[1]), h(70));
    expect(step.state.votes[FUNDER]?.reason).toEqual(reasons[1]);
    expect(step.facts.map((f) => f.type)).toEqual(['vote-cast']);
    expect(step.state.deliberationUntil).toBe(h(73));
  });

  it('no single veto by delay: one party re-objecting every 71 h cannot hold a decision open for two months', () => {
    // Everyone else approves on day one (6 of 8, quorum 5); FUNDER objected first, and keeps
    // changing its objection's reason code just before each deliberation window closes.
    const filibuster: TimedRequest[] = [];
    for (let k = 0; 1 + 71 * k < 60 * 24; k++) filibuster.push(voteAt(h(1 + 71 * k), object(FUNDER, reasons[k % 2])));
    const run = simulate(ctx, OPENED_AT, [
      ...filibuster,
      ...[COMMUNITY, RESIDENTS, TALENT, PEER].map((p) => voteAt(h(2), approve(p))),
    ]);
    // Approved when the first window closes; the later re-objections find the decision closed.
    expect(run.refusals.length).toBeGreaterThan(0);
    expect(new Set(run.refusals.map((r) => r.refusal.code))).toEqual(new Set(['decision-closed']));
    expect(must(run.state.outcome).at).toBe(h(1 + 72)); // the first (and only) deliberation window
    expect(run.state.outcome?.result).toBe('approved');
    // Any bound a fix might choose (one window per objector, per round, or overall) is well under 30 days.
    expect(must(run.state.outcome).at).toBeLessThan(OPENED_AT + 30 * DAY);
  });
});
