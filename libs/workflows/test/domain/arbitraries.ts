import type { DecisionOutcome, DecisionPolicy, EscalationStep, PartySeat } from '@sanshe/contracts';
import fc from 'fast-check';
import type { Choice, DecisionContext, ObjectionReason } from '../../src/decision/domain/decision-state';
import type { VoteRequest } from '../../src/decision/domain/votes';
import { type TimedRequest, voteAt } from './simulate';

export const HOUR = 3_600_000;
export const DAY = 24 * HOUR;
/** Any fixed instant: the state machine only ever sees differences. */
export const OPENED_AT = Date.UTC(2026, 2, 2, 1, 30);
/** Holds no seat in any generated policy (the recusal case is generated separately). */
export const OUTSIDE_PROPOSER = 'organization:the-proposer';

/** Party kinds are an open set: the well-known ones and any new kind a district invents. */
const KNOWN_KINDS = [
  'community',
  'organization',
  'talent',
  'funder',
  'residents',
  'volunteers',
  'charity',
  'elders-council',
];
export const kindArb = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom(...KNOWN_KINDS) },
  { weight: 1, arbitrary: fc.stringMatching(/^[a-z][a-z-]{0,15}$/) },
);

const seatArb = fc.record({
  kind: kindArb,
  weight: fc.integer({ min: 1, max: 10 }),
  voteWindowHours: fc.integer({ min: 1, max: 24 * 14 }),
});

const escalationArb: fc.Arbitrary<EscalationStep[]> = fc
  .tuple(
    fc.array(
      fc.record({
        deadlineHours: fc.integer({ min: 1, max: 240 }),
        defaultOutcome: fc.constantFrom<EscalationStep['defaultOutcome']>('approved', 'rejected', 'escalate'),
      }),
      { minLength: 0, maxLength: 2 },
    ),
    fc.record({
      deadlineHours: fc.integer({ min: 1, max: 240 }),
      defaultOutcome: fc.constantFrom<DecisionOutcome>('approved', 'rejected'),
    }),
  )
  .map(([lower, last]) =>
    [...lower, last].map((step, i) => ({
      arbiterId: `portal:level-${i + 1}`,
      title: `Arbiter level ${i + 1}`,
      ...step,
    })),
  );

export const totalOf = (parties: readonly Pick<PartySeat, 'weight'>[]) => parties.reduce((sum, p) => sum + p.weight, 0);
export const maxWeightOf = (parties: readonly Pick<PartySeat, 'weight'>[]) => Math.max(...parties.map((p) => p.weight));

/**
 * A valid policy by construction: 3–8 seats with weights 1–10 and a quorum in
 * (max weight, total − max weight], so that no party approves alone and no party blocks alone.
 * Seat sets where that interval is empty (one seat outweighs the rest) are filtered out.
 */
export const validPolicyArb: fc.Arbitrary<DecisionPolicy> = fc
  .record({
    seats: fc.array(seatArb, { minLength: 3, maxLength: 8 }),
    deliberationHours: fc.integer({ min: 1, max: 72 }),
    maxAmendments: fc.integer({ min: 0, max: 3 }),
    escalation: escalationArb,
  })
  .filter(({ seats }) => maxWeightOf(seats) + 1 <= totalOf(seats) - maxWeightOf(seats))
  .chain(({ seats, ...rest }) =>
    fc
      .integer({ min: maxWeightOf(seats) + 1, max: totalOf(seats) - maxWeightOf(seats) })
      .map((quorum): DecisionPolicy => ({
        policyId: 'generated.policy',
        version: 1,
        decisionKind: 'activity-proposal',
        communityCode: '310104-005-001',
        title: 'A generated policy',
        parties: seats.map((seat, i) => ({
          partyId: `${seat.kind}:seat-${i}`,
          kind: seat.kind,
          title: `Seat ${i}`,
          weight: seat.weight,
          voteWindowHours: seat.voteWindowHours,
        })),
        quorum,
        ...rest,
      })),
  );

/** A valid policy with a proposer outside it, or (with `recusal`) sometimes one of its own seats. */
export const contextArb = (recusal = false): fc.Arbitrary<DecisionContext> =>
  validPolicyArb.chain((policy) =>
    (recusal
      ? fc.oneof(fc.constant(OUTSIDE_PROPOSER), fc.constantFrom(...policy.parties.map((p) => p.partyId)))
      : fc.constant(OUTSIDE_PROPOSER)
    ).map((proposerId) => ({ policy, proposerId })),
  );

export const windowMs = (seat: Pick<PartySeat, 'voteWindowHours'>) => seat.voteWindowHours * HOUR;

export const reasonArb: fc.Arbitrary<ObjectionReason> = fc.record({
  code: fc.constantFrom('safety', 'budget', 'scope', 'privacy'),
  text: fc.constantFrom('Needs a second volunteer.', 'Over budget.', 'Out of scope for this fund.'),
});

/** One vote of one party, timed as an offset from the opening. */
export interface TimedVote {
  partyId: string;
  choice: Choice;
  reason?: ObjectionReason;
  offset: number;
}

export const choiceVoteArb = (choice: Choice) =>
  choice === 'object'
    ? reasonArb.map((reason) => ({ choice, reason }))
    : fc.constant<{ choice: Choice; reason?: ObjectionReason }>({ choice });

/** Relative weights of approve, object and abstain. */
export type Mood = readonly [approve: number, object: number, abstain: number];
/** Decisions differ: most pass easily, some are contested, some split, some nobody cares about. */
export const moodArb = fc.constantFrom<Mood>([6, 1, 1], [3, 2, 1], [1, 1, 1], [1, 3, 1], [1, 1, 4]);

export const choiceArb = (mood: Mood = [1, 1, 1]) =>
  fc
    .oneof(
      { weight: mood[0], arbitrary: fc.constant<Choice>('approve') },
      { weight: mood[1], arbitrary: fc.constant<Choice>('object') },
      { weight: mood[2], arbitrary: fc.constant<Choice>('abstain') },
    )
    .chain(choiceVoteArb);

/** An offset strictly before the seat's deadline. */
export const inTimeArb = (seat: PartySeat) => fc.integer({ min: 0, max: windowMs(seat) - 1 });

/** An offset before, at, just before or after the seat's deadline (up to twice its window); mostly in time. */
export const anyTimeArb = (seat: PartySeat) =>
  fc.oneof(
    { weight: 6, arbitrary: inTimeArb(seat) },
    { weight: 2, arbitrary: fc.integer({ min: windowMs(seat), max: 2 * windowMs(seat) }) },
    { weight: 1, arbitrary: fc.constant(windowMs(seat)) },
    { weight: 1, arbitrary: fc.constant(windowMs(seat) - 1) },
  );

/** Each seat either stays silent or votes once, at any time (possibly too late), in the decision's mood. */
export const onceVotesArb = (policy: DecisionPolicy): fc.Arbitrary<TimedVote[]> =>
  moodArb.chain((mood) =>
    fc
      .tuple(
        ...policy.parties.map((seat) =>
          fc.option(
            fc.tuple(choiceArb(mood), anyTimeArb(seat)).map(([vote, offset]): TimedVote => ({
              partyId: seat.partyId,
              ...vote,
              offset,
            })),
            { freq: 5 },
          ),
        ),
      )
      .map((votes) => votes.filter((v): v is TimedVote => v !== null)),
  );

export const voteRequest = (v: Pick<TimedVote, 'partyId' | 'choice' | 'reason'>, round?: number): VoteRequest => ({
  partyId: v.partyId,
  castBy: v.partyId,
  choice: v.choice,
  ...(v.reason ? { reason: v.reason } : {}),
  ...(round === undefined ? {} : { round }),
});

export const toRequests = (votes: readonly TimedVote[], openedAt = OPENED_AT): TimedRequest[] =>
  votes.map((v) => voteAt(openedAt + v.offset, voteRequest(v)));

const maxWindowMs = (policy: DecisionPolicy) => Math.max(...policy.parties.map(windowMs));
const escalationMs = (policy: DecisionPolicy) =>
  policy.escalation.reduce((sum, step) => sum + step.deadlineHours * HOUR, 0);

/** The longest a decision can take without amendments: every window, one deliberation, every arbiter. */
export const horizonMs = (policy: DecisionPolicy) =>
  maxWindowMs(policy) + policy.deliberationHours * HOUR + escalationMs(policy);

/**
 * Anything anyone might send, at any time: a first vote from most seats (in the decision's mood,
 * some late); more votes (repeated, changed, for another party, from a stranger, for a stale or
 * future round); amendments soon after objections (mostly by the proposer) with a new wave of votes;
 * and rulings around the time escalations happen (by the right arbiter or not, in time or not).
 */
export const chaosRequestsArb = (ctx: DecisionContext): fc.Arbitrary<TimedRequest[]> => {
  const { policy } = ctx;
  const ids = policy.parties.map((p) => p.partyId);
  const deliberationMs = policy.deliberationHours * HOUR;
  const time = fc
    .oneof(
      { weight: 3, arbitrary: fc.integer({ min: 0, max: maxWindowMs(policy) }) },
      { weight: 1, arbitrary: fc.integer({ min: 0, max: 2 * horizonMs(policy) }) },
    )
    .map((offset) => OPENED_AT + offset);
  const extraVote = (mood: Mood) =>
    fc
      .record({
        partyId: fc.oneof(
          { weight: 8, arbitrary: fc.constantFrom(...ids) },
          { weight: 1, arbitrary: fc.constant('volunteers:stranger') },
        ),
        impostor: fc.oneof(
          { weight: 9, arbitrary: fc.constant(null) },
          { weight: 1, arbitrary: fc.constantFrom(...ids, ctx.proposerId) },
        ),
        vote: choiceArb(mood),
        round: fc.option(fc.integer({ min: 1, max: 3 }), { freq: 2 }),
        at: time,
      })
      .map(({ partyId, impostor, vote, round, at }): TimedRequest =>
        voteAt(at, { ...voteRequest({ partyId, ...vote }, round ?? undefined), castBy: impostor ?? partyId }),
      );
  /** After an objection at `at`: maybe an amendment within the deliberation, then some votes on round 2. */
  const answer = (at: number, mood: Mood): fc.Arbitrary<TimedRequest[]> =>
    fc
      .option(
        fc
          .record({
            after: fc.integer({ min: 0, max: deliberationMs }),
            castBy: fc.oneof(
              { weight: 6, arbitrary: fc.constant(ctx.proposerId) },
              { weight: 1, arbitrary: fc.constantFrom(...ids) },
            ),
            revotes: fc.array(
              fc.record({
                partyId: fc.constantFrom(...ids),
                vote: choiceArb(mood),
                after: fc.integer({ min: 0, max: maxWindowMs(policy) }),
              }),
              { maxLength: policy.parties.length },
            ),
            round: fc.option(fc.constant(2), { freq: 2 }),
          })
          .map(({ after, castBy, revotes, round }) => {
            const amendedAt = at + after;
            return [
              { type: 'amend' as const, at: amendedAt, amendment: { castBy, revision: 'Revised plan' } },
              ...revotes.map((r) =>
                voteAt(amendedAt + r.after, voteRequest({ partyId: r.partyId, ...r.vote }, round ?? undefined)),
              ),
            ];
          }),
        { freq: 3 },
      )
      .map((requests) => requests ?? []);
  const ruling = fc
    .record({
      arbiter: fc.oneof(
        { weight: 6, arbitrary: fc.constantFrom(...policy.escalation.map((s) => s.arbiterId)) },
        { weight: 1, arbitrary: fc.constantFrom(...ids) },
      ),
      result: fc.constantFrom<DecisionOutcome>('approved', 'rejected'),
      at: fc
        .integer({ min: 0, max: deliberationMs + escalationMs(policy) })
        .map((offset) => OPENED_AT + maxWindowMs(policy) + offset),
    })
    .map(({ arbiter, result, at }): TimedRequest => ({
      type: 'arbitrate',
      at,
      arbitration: { arbiterId: arbiter, castBy: arbiter, result, reason: 'Arbitrated' },
    }));
  return moodArb.chain((mood) =>
    onceVotesArb(policy)
      .chain((first) =>
        fc.tuple(
          fc.constant(toRequests(first)),
          fc.tuple(...first.filter((v) => v.choice === 'object').map((v) => answer(OPENED_AT + v.offset, mood))),
          fc.array(extraVote(mood), { maxLength: 8 }),
          fc.array(ruling, { maxLength: 2 }),
        ),
      )
      .map(([first, answers, extra, rulings]) => [...first, ...answers.flat(), ...extra, ...rulings]),
  );
};
