import fc from 'fast-check';
import { partyDeadline } from '../../src/decision/domain/decision-state';
import { checkArbitration } from '../../src/decision/domain/escalation';
import { judgedTime, silenceAt } from '../../src/decision/domain/vote-time';
import { checkVote } from '../../src/decision/domain/votes';
import { contextArb, HOUR, OPENED_AT, voteRequest, windowMs } from './arbitraries';
import { approve, FUNDER, object, PEER, PROPOSER, STREET, streetCtx } from './fixtures';
import { codeOf, h, stateAfter } from './scenarios';
import { amendAt, must, simulate, voteAt } from './simulate';

const RUNS = { numRuns: 300 };
/** The street example with a one-hour grace: PEER's deadline is 24 h, its silence is recorded at 25 h. */
const graced = () => ({ ...streetCtx(), voteGraceMs: HOUR });

describe('judgedTime: a vote counts when the broker appended it, within [period start, arrival]', () => {
  it('is castAt inside the period, the arrival for a castAt in the future or absent, the start for one before it', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 10 * HOUR }),
        fc.integer({ min: 0, max: 10 * HOUR }),
        fc.option(fc.integer({ min: -5 * HOUR, max: 20 * HOUR }), { nil: undefined }),
        (start, sinceStart, castAt) => {
          const now = start + sinceStart;
          const judged = judgedTime(streetCtx(), castAt, now, start);
          expect(judged).toBeGreaterThanOrEqual(start);
          expect(judged).toBeLessThanOrEqual(now);
          if (castAt === undefined || castAt > now) expect(judged).toBe(now);
          else if (castAt < start) expect(judged).toBe(start);
          else expect(judged).toBe(castAt);
        },
      ),
      RUNS,
    );
  });

  it('is the arrival for a run that started before the rule (patch vote-cast-at off), and there is no grace', () => {
    const legacy = { ...graced(), rules: { castAt: false, voteChangeLimit: true, idempotentAmendments: true } };
    expect(judgedTime(legacy, h(1), h(5), OPENED_AT)).toBe(h(5));
    expect(silenceAt(legacy, h(24))).toBe(h(24));
    expect(silenceAt(graced(), h(24))).toBe(h(25));
  });
});

describe('a first vote is on time when its judged time is before its deadline, until silence is recorded', () => {
  it('property: accepted iff it arrives before deadline + grace and min(castAt, arrival) is before the deadline', () => {
    const scenario = contextArb().chain((ctx) =>
      fc.record({
        ctx: fc.constant(ctx),
        grace: fc.integer({ min: 0, max: 3 * HOUR }),
        seat: fc.constantFrom(...ctx.policy.parties),
        approveOrObject: fc.boolean(),
        arrival: fc.integer({ min: 0, max: 24 * 15 * HOUR }),
        castAt: fc.option(fc.integer({ min: -HOUR, max: 24 * 15 * HOUR }), { nil: undefined }),
      }),
    );
    fc.assert(
      fc.property(scenario, ({ ctx: base, grace, seat, approveOrObject, arrival, castAt }) => {
        const ctx = { ...base, voteGraceMs: grace };
        const deadline = OPENED_AT + windowMs(seat);
        fc.pre(arrival <= windowMs(seat) + 2 * grace + HOUR); // near the deadline, where it matters
        const at = OPENED_AT + arrival;
        const cast = castAt === undefined ? undefined : OPENED_AT + castAt;
        const vote = {
          ...voteRequest({ partyId: seat.partyId, choice: approveOrObject ? 'approve' : 'object' }),
          ...(approveOrObject ? {} : { reason: { code: 'safety', text: 'Unsafe.' } }),
          ...(cast === undefined ? {} : { castAt: cast }),
        };
        const run = simulate(ctx, OPENED_AT, [voteAt(at, vote)], { until: at });
        const judged = Math.max(Math.min(cast ?? at, at), OPENED_AT);
        const onTime = at < deadline + grace && judged < deadline;
        expect(run.accepted).toHaveLength(onTime ? 1 : 0);
        if (onTime) expect(run.state.votes[seat.partyId]).toMatchObject({ choice: vote.choice, at: judged });
        // Late; and once its silence was recorded, the last one may have sent the decision to its arbiter.
        else if (at < deadline + grace) expect(run.refusals.map((r) => r.refusal.code)).toEqual(['past-deadline']);
        else expect(['past-deadline', 'voting-closed']).toContain(must(run.refusals[0]).refusal.code);
      }),
      RUNS,
    );
  });

  it('property: silence is recorded at deadline + grace, as an abstention at the deadline itself', () => {
    const scenario = contextArb().chain((ctx) =>
      fc.record({ ctx: fc.constant(ctx), grace: fc.integer({ min: 0, max: 3 * HOUR }) }),
    );
    fc.assert(
      fc.property(scenario, ({ ctx: base, grace }) => {
        const ctx = { ...base, voteGraceMs: grace };
        const run = simulate(ctx, OPENED_AT, []);
        for (const seat of ctx.policy.parties) {
          const deadline = partyDeadline(must(run.trace[0]).state, seat);
          expect(run.facts).toContainEqual({
            at: deadline + grace,
            fact: { type: 'abstained-by-silence', partyId: seat.partyId, round: 1, deadline },
          });
          expect(run.state.votes[seat.partyId]).toEqual({ choice: 'abstain', at: deadline, bySilence: true });
        }
        // Every arbiter's default, too, waits for the grace: each level is reached at its predecessor's deadline + grace.
        const escalations = run.facts.filter((f) => f.fact.type === 'escalated');
        const closings = [...escalations.slice(1), must(run.facts.at(-1))];
        escalations.forEach(({ fact }, i) => {
          if (fact.type === 'escalated') expect(must(closings[i]).at).toBe(fact.deadline + grace);
        });
      }),
      { numRuns: 100 },
    );
  });

  it('a vote published before the deadline but delivered in the grace counts, at its castAt', () => {
    const ctx = graced();
    const state = stateAfter([], ctx);
    const late = { ...approve(PEER), castAt: h(23) };
    expect(codeOf(checkVote(ctx, state, late, h(24) + 30 * 60_000))).toBeNull();
    const run = simulate(ctx, OPENED_AT, [voteAt(h(24.5), late)], { until: h(30) });
    expect(run.state.votes[PEER]).toEqual({ choice: 'approve', at: h(23) });
    expect(run.facts.some((f) => f.fact.type === 'abstained-by-silence' && f.fact.partyId === PEER)).toBe(false);
  });

  it('a vote cast at or after the deadline is past-deadline even inside the grace, and so is one with no castAt', () => {
    const ctx = graced();
    const state = stateAfter([], ctx);
    expect(codeOf(checkVote(ctx, state, { ...approve(PEER), castAt: h(24) }, h(24.5)))).toBe('past-deadline');
    expect(checkVote(ctx, state, { ...approve(PEER), castAt: h(24) + 1 }, h(24.5))).toMatchObject({
      message: expect.stringMatching(/has passed \(cast at .+\)$/),
    });
    expect(codeOf(checkVote(ctx, state, approve(PEER), h(24.5)))).toBe('past-deadline');
    // After the grace, silence is recorded: even a vote cast in time is too late now.
    const silent = stateAfter([voteAt(h(25), object(FUNDER))], ctx);
    expect(silent.votes[PEER]?.bySilence).toBe(true);
    expect(codeOf(checkVote(ctx, silent, { ...approve(PEER), castAt: h(23) }, h(25)))).toBe('past-deadline');
  });

  it('a castAt before the round started counts as its start; one in the future counts as now', () => {
    const ctx = graced();
    const amended = stateAfter(
      [voteAt(h(10), object(FUNDER)), amendAt(h(20), { castBy: PROPOSER, revision: 'Two volunteers' })],
      ctx,
    );
    const before = simulate(ctx, OPENED_AT, [
      voteAt(h(10), object(FUNDER)),
      amendAt(h(20), { castBy: PROPOSER, revision: 'Two volunteers' }),
      voteAt(h(21), { ...approve(PEER), castAt: h(15) }),
      voteAt(h(22), { ...approve(FUNDER), castAt: h(99) }),
    ]);
    expect(amended.roundStartedAt).toBe(h(20));
    expect(before.state.votes[PEER]).toEqual({ choice: 'approve', at: h(20) });
    expect(before.state.votes[FUNDER]).toEqual({ choice: 'approve', at: h(22) });
    // A castAt in the future does not make a late vote on time.
    expect(codeOf(checkVote(ctx, stateAfter([], ctx), { ...approve(PEER), castAt: h(99) }, h(24.5)))).toBe(
      'past-deadline',
    );
  });

  it("an arbiter's ruling cast before its deadline and delivered in the grace is on time; one cast after is not", () => {
    const ctx = graced();
    // Everybody silent: the last silence is recorded at 168 + 1 h, the street's deadline is 72 h later.
    const escalated = simulate(ctx, OPENED_AT, [], { until: h(169 + 72 + 0.5) }).state;
    expect(escalated).toMatchObject({ stage: 'escalated', escalation: { level: 1, deadline: h(169 + 72) } });
    const ruling = { arbiterId: STREET, castBy: STREET, result: 'approved' as const, reason: 'Fine.' };
    const now = h(169 + 72.5);
    expect(codeOf(checkArbitration(ctx, escalated, { ...ruling, castAt: h(169 + 71) }, now))).toBeNull();
    expect(codeOf(checkArbitration(ctx, escalated, { ...ruling, castAt: h(169 + 72) }, now))).toBe('past-deadline');
    expect(codeOf(checkArbitration(ctx, escalated, ruling, now))).toBe('past-deadline');
  });
});
