import type { DecisionOutcome } from '@sanshe/contracts';
import fc from 'fast-check';
import { advance, nextWakeAt } from '../../src/decision/domain/deadlines';
import {
  electorate,
  type Choice,
  type DecisionContext,
  type DecisionState,
} from '../../src/decision/domain/decision-state';
import type { RefusalCode } from '../../src/decision/domain/refusals';
import {
  anyTimeArb,
  chaosRequestsArb,
  choiceArb,
  choiceVoteArb,
  contextArb,
  HOUR,
  inTimeArb,
  moodArb,
  OPENED_AT,
  onceVotesArb,
  type TimedVote,
  toRequests,
  totalOf,
  voteRequest,
  windowMs,
} from './arbitraries';
import { type Expected, expectedOutcome } from './oracle';
import { arbitrateAt, must, simulate, type SimulationResult, voteAt } from './simulate';

const RUNS = { numRuns: 200 };

const outcomeOf = (run: SimulationResult): Expected => {
  expect(run.state.stage).toBe('decided');
  const { result, decidedBy, level } = must(run.state.outcome, 'outcome');
  return { result, decidedBy, level };
};

/** Parties with a seat that did not approve (objected, abstained, were silent, or are the recused proposer). */
const nonApprovers = (ctx: DecisionContext, state: DecisionState) =>
  ctx.policy.parties.filter((s) => s.partyId === ctx.proposerId || state.votes[s.partyId]?.choice !== 'approve');
const partiesChoosing = (ctx: DecisionContext, state: DecisionState, choice: Choice) =>
  ctx.policy.parties.filter((s) => s.partyId !== ctx.proposerId && state.votes[s.partyId]?.choice === choice);

describe('decision rules (property-based, simulated clock)', () => {
  it('no single veto: whatever one party does, if every other party approves in time the votes approve', () => {
    const scenario = contextArb().chain((ctx) =>
      fc.integer({ min: 0, max: ctx.policy.parties.length - 1 }).chain((p) => {
        const seat = must(ctx.policy.parties[p]);
        const others = ctx.policy.parties.filter((_, i) => i !== p);
        return fc.record({
          ctx: fc.constant(ctx),
          party: fc.constant(seat.partyId),
          // Silent (empty), or any run of objections and abstentions, in time or late, repeated or changed.
          behaviour: fc.array(
            fc.tuple(fc.constantFrom<Choice>('object', 'abstain').chain(choiceVoteArb), anyTimeArb(seat)),
            { maxLength: 3 },
          ),
          othersApprove: fc.tuple(...others.map((s) => inTimeArb(s).map((offset) => ({ partyId: s.partyId, offset })))),
        });
      }),
    );
    fc.assert(
      fc.property(scenario, ({ ctx, party, behaviour, othersApprove }) => {
        const requests = [
          ...behaviour.map(([vote, offset]) => voteAt(OPENED_AT + offset, voteRequest({ partyId: party, ...vote }))),
          ...othersApprove.map(({ partyId, offset }) =>
            voteAt(OPENED_AT + offset, voteRequest({ partyId, choice: 'approve' })),
          ),
        ];
        const run = simulate(ctx, OPENED_AT, requests);
        expect(outcomeOf(run)).toEqual({ result: 'approved', decidedBy: 'votes', level: 0 });
      }),
      RUNS,
    );
  });

  it('no single party decides: approval needs two approvers, rejection two objectors, escalation two non-approvers', () => {
    // Anything anyone may send, including the proposer holding a seat (recused) — the claims below
    // hold for the final round's votes whatever happened before.
    const scenario = contextArb(true).chain((ctx) =>
      fc.record({ ctx: fc.constant(ctx), requests: chaosRequestsArb(ctx) }),
    );
    fc.assert(
      fc.property(scenario, ({ ctx, requests }) => {
        const run = simulate(ctx, OPENED_AT, requests);
        // A seated proposer leaves the electorate and the quorum shrinks with it (see electorate()).
        const { quorum, total, seats } = electorate(ctx);
        // Only in an electorate too small for both invariants may one party approve alone.
        const roomForBoth = Math.max(...seats.map((seat) => seat.weight)) < quorum;
        const outcome = outcomeOf(run);
        const weight = (seats: { weight: number }[]) => totalOf(seats);

        if (outcome.decidedBy === 'votes' && outcome.result === 'approved') {
          const approvers = partiesChoosing(ctx, run.state, 'approve');
          if (roomForBoth) expect(approvers.length).toBeGreaterThanOrEqual(2);
          expect(weight(approvers)).toBeGreaterThanOrEqual(quorum);
        }
        if (outcome.decidedBy === 'votes' && outcome.result === 'rejected') {
          const objectors = partiesChoosing(ctx, run.state, 'object');
          expect(objectors.length).toBeGreaterThanOrEqual(2);
          expect(total - weight(objectors)).toBeLessThan(quorum);
        }
        // Escalation happens with every vote in and neither side decisive: it took at least two
        // parties not approving (had only one party not approved, the others would hold the quorum).
        const escalatedAt = run.trace.find((s) => s.state.stage === 'escalated');
        if (outcome.decidedBy !== 'votes') {
          expect(escalatedAt).toBeDefined();
          const notApproving = nonApprovers(ctx, must(escalatedAt).state).filter((s) => s.partyId !== ctx.proposerId);
          expect(notApproving.length).toBeGreaterThanOrEqual(2);
          expect(weight(partiesChoosing(ctx, must(escalatedAt).state, 'approve'))).toBeLessThan(quorum);
        }
        // The recused proposer never has a vote, and only a party itself ever votes.
        for (const snapshot of run.trace) expect(snapshot.state.votes[ctx.proposerId]).toBeUndefined();
        for (const accepted of run.accepted) {
          if (accepted.type === 'vote') expect(accepted.vote.castBy).toBe(accepted.vote.partyId);
          if (accepted.type === 'arbitrate') expect(accepted.arbitration.castBy).toBe(accepted.arbitration.arbiterId);
          if (accepted.type === 'amend') expect(accepted.amendment.castBy).toBe(ctx.proposerId);
        }
        // Exactly one 'decided', and it is the last fact.
        expect(run.facts.filter((f) => f.fact.type === 'decided')).toHaveLength(1);
        expect(must(run.facts.at(-1)).fact.type).toBe('decided');
        // An arbiter's decision came from the arbiter of that level, before its deadline.
        if (outcome.decidedBy === 'arbiter') {
          const arbiter = must(ctx.policy.escalation[outcome.level - 1]).arbiterId;
          const at = must(run.state.outcome).at;
          const before = [...run.trace].reverse().find((s) => s.at <= at && s.state.stage === 'escalated');
          expect(before?.state.escalation?.level).toBe(outcome.level);
          expect(at).toBeLessThan(must(before?.state.escalation).deadline);
          expect(
            run.accepted.some((r) => r.type === 'arbitrate' && r.arbitration.arbiterId === arbiter && r.at === at),
          ).toBe(true);
        }
      }),
      RUNS,
    );
  });

  it('quorum math is exact: votes cast once give the outcome computed independently from the weights', () => {
    const scenario = contextArb(true).chain((ctx) =>
      fc.record({ ctx: fc.constant(ctx), votes: onceVotesArb(ctx.policy) }),
    );
    const allowedRefusals = new Set<RefusalCode>([
      'past-deadline',
      'voting-closed',
      'decision-closed',
      'conflict-of-interest',
    ]);
    fc.assert(
      fc.property(scenario, ({ ctx, votes }) => {
        const run = simulate(ctx, OPENED_AT, toRequests(votes));
        expect(outcomeOf(run)).toEqual(expectedOutcome(ctx, votes));
        // Votes are refused only for being late, too late for the stage, or the proposer's own.
        for (const { request, refusal } of run.refusals) {
          expect(allowedRefusals).toContain(refusal.code);
          if (request.type !== 'vote') continue;
          const seat = must(ctx.policy.parties.find((s) => s.partyId === request.vote.partyId));
          if (refusal.code === 'past-deadline') expect(request.at).toBeGreaterThanOrEqual(OPENED_AT + windowMs(seat));
          if (refusal.code === 'conflict-of-interest') expect(request.vote.partyId).toBe(ctx.proposerId);
        }
        // Silent parties (and late ones) were recorded as abstaining at their own deadline.
        for (const seat of ctx.policy.parties) {
          if (seat.partyId === ctx.proposerId || must(run.state.outcome).decidedBy === 'votes') continue;
          const vote = votes.find((v) => v.partyId === seat.partyId);
          if (vote && vote.offset < windowMs(seat)) continue;
          expect(run.facts).toContainEqual({
            at: OPENED_AT + windowMs(seat),
            fact: {
              type: 'abstained-by-silence',
              partyId: seat.partyId,
              round: 1,
              deadline: OPENED_AT + windowMs(seat),
            },
          });
        }
      }),
      RUNS,
    );
  });

  it('an arbiter that answers before its deadline decides; at or after it, it is refused and the default stands', () => {
    const scenario = contextArb().chain((ctx) =>
      fc.record({
        ctx: fc.constant(ctx),
        votes: onceVotesArb(ctx.policy),
        levelPick: fc.nat(),
        permille: fc.integer({ min: 0, max: 1200 }),
        result: fc.constantFrom<DecisionOutcome>('approved', 'rejected'),
      }),
    );
    fc.assert(
      fc.property(scenario, ({ ctx, votes, levelPick, permille, result }) => {
        const requests = toRequests(votes);
        const silent = simulate(ctx, OPENED_AT, requests);
        const escalations = silent.facts.flatMap(({ at, fact }) => (fact.type === 'escalated' ? [{ at, fact }] : []));
        fc.pre(escalations.length > 0);
        const { at: escalatedAt, fact } = must(escalations[levelPick % escalations.length]);
        const window = fact.deadline - escalatedAt;
        expect(window).toBe(must(ctx.policy.escalation[fact.level - 1]).deadlineHours * HOUR);
        const answeredAt = escalatedAt + Math.floor((window * permille) / 1000);
        const ruling = { arbiterId: fact.arbiterId, castBy: fact.arbiterId, result, reason: 'Heard both sides' };
        const run = simulate(ctx, OPENED_AT, [...requests, arbitrateAt(answeredAt, ruling)]);
        if (answeredAt < fact.deadline) {
          expect(outcomeOf(run)).toEqual({ result, decidedBy: 'arbiter', level: fact.level });
          expect(must(run.state.outcome).at).toBe(answeredAt);
        } else {
          expect(outcomeOf(run)).toEqual(outcomeOf(silent));
          expect(run.refusals.map((r) => r.refusal.code)).toContain(
            answeredAt >= must(silent.state.outcome).at ? 'decision-closed' : 'not-the-arbiter',
          );
        }
      }),
      RUNS,
    );
  });

  it('interleaving: the same in-time votes give the same result in any order of arrival', () => {
    const scenario = contextArb(true).chain((ctx) => {
      const firstDeadline = Math.min(...ctx.policy.parties.map(windowMs));
      return moodArb
        .chain((mood) =>
          fc.tuple(
            ...ctx.policy.parties.map((s) =>
              fc.option(
                choiceArb(mood).map((v) => ({ partyId: s.partyId, ...v })),
                { freq: 5 },
              ),
            ),
          ),
        )
        .map((votes) => votes.filter((v) => v !== null))
        .chain((voters) => {
          const indices = voters.map((_, i) => i);
          const order = fc.shuffledSubarray(indices, { minLength: voters.length, maxLength: voters.length });
          return fc.record({
            ctx: fc.constant(ctx),
            voters: fc.constant(voters),
            // Arrival times shared by both orders, all before the earliest deadline; ties allowed.
            times: fc
              .array(fc.oneof(fc.integer({ min: 0, max: firstDeadline - 1 }), fc.constant(0)), {
                minLength: voters.length,
                maxLength: voters.length,
              })
              .map((ts) => [...ts].sort((a, b) => a - b)),
            first: order,
            second: order,
          });
        });
    });
    fc.assert(
      fc.property(scenario, ({ ctx, voters, times, first, second }) => {
        const inOrder = (order: number[]): TimedVote[] =>
          order.map((index, k) => ({ ...must(voters[index]), offset: must(times[k]) }));
        const a = simulate(ctx, OPENED_AT, toRequests(inOrder(first)));
        const b = simulate(ctx, OPENED_AT, toRequests(inOrder(second)));
        expect(outcomeOf(b)).toEqual(outcomeOf(a));
        expect(outcomeOf(a)).toEqual(expectedOutcome(ctx, inOrder(first)));
      }),
      RUNS,
    );
  });

  it('advance is idempotent and leaves nothing due: after each step, advancing again at that time changes nothing', () => {
    const scenario = contextArb(true).chain((ctx) =>
      fc.record({ ctx: fc.constant(ctx), requests: chaosRequestsArb(ctx) }),
    );
    fc.assert(
      fc.property(scenario, ({ ctx, requests }) => {
        const run = simulate(ctx, OPENED_AT, requests);
        run.trace.forEach((snapshot, i) => {
          // A request's own step is followed by an advance; the state after an advance is settled.
          if (snapshot.cause === 'advance') {
            const again = advance(ctx, snapshot.state, snapshot.at);
            expect(again.facts).toEqual([]);
            expect(again.state).toBe(snapshot.state);
          }
          if (run.trace[i + 1]?.at === snapshot.at || snapshot.state.stage === 'decided') return;
          // The last state at a time has nothing overdue: the next wake, if any, is later.
          const wake = nextWakeAt(ctx, snapshot.state);
          if (wake !== null) expect(wake).toBeGreaterThan(snapshot.at);
        });
      }),
      RUNS,
    );
  });
});
