import type { DecisionOutcome, DecisionPolicy, EscalationStep, PartySeat } from '@sanshe/contracts';
import fc from 'fast-check';
import type { ControllerResolver } from '../../src/decision/domain/policy-rules';

/** Who speaks for whom in a generated district: a controller (or nobody) per kind, and exact exceptions. */
export interface ControllerTable {
  byKind: Readonly<Record<string, string | null>>;
  exact: Readonly<Record<string, string>>;
}

const CONTROLLERS = ['community', 'organization', 'talent', 'funding', 'portal:street', 'portal:district'];
/** Each kind's usual controller; `charity` has none unless the generator gives it one. */
const USUAL: Readonly<Record<string, string | null>> = {
  community: 'community',
  residents: 'community',
  organization: 'organization',
  talent: 'talent',
  funder: 'funding',
  volunteers: 'community',
  charity: null,
};
const KINDS = Object.keys(USUAL);

/** The test's own resolver: an exact rule first, else the kind's (so `kind:{communityCode}` goes by its kind). */
export const resolverOf =
  (table: ControllerTable): ControllerResolver =>
  (partyId) =>
    table.exact[partyId] ?? table.byKind[partyId.slice(0, partyId.indexOf(':'))] ?? null;

const controllerArb = fc.constantFrom(...CONTROLLERS);
/** The district defaults' kinds: five seats' kinds, two of them (community, residents) one bloc. */
const DEFAULT_KINDS = ['community', 'residents', 'organization', 'talent', 'funder'];

/**
 * How the generated districts go wrong. A wild one often remaps kinds, leaves parties unmapped and
 * picks partial arbiters; a tame one keeps the usual map with its blocs, where the weights and the
 * quorum alone decide, so that valid policies are common too.
 */
const oddsOf = (wild: boolean) => (wild ? 1 : 0);

/** A controller (or nobody) per kind: mostly the usual one. */
const byKindArb = (wild: boolean) =>
  fc
    .tuple(
      ...KINDS.map((kind) =>
        fc.oneof(
          { weight: 10, arbitrary: fc.constant(USUAL[kind] ?? null) },
          { weight: oddsOf(wild), arbitrary: controllerArb },
          { weight: oddsOf(wild), arbitrary: fc.constant(null) },
        ),
      ),
    )
    .map((controllers) => Object.fromEntries(KINDS.map((kind, i) => [kind, controllers[i] ?? null])));

const seatSpecArb = (wild: boolean) =>
  fc.record({
    kind: wild ? fc.constantFrom(...KINDS) : fc.constantFrom(...DEFAULT_KINDS),
    weight: fc.integer({ min: 1, max: wild ? 10 : 4 }),
    placeholder: fc.oneof({ weight: 3, arbitrary: fc.constant(false) }, { weight: 1, arbitrary: fc.constant(true) }),
    /** An exact rule for this party (a portal registered as this funder, say). */
    speaker: fc.oneof({ weight: 5, arbitrary: fc.constant(null) }, { weight: oddsOf(wild), arbitrary: controllerArb }),
  });
type SeatSpec = typeof seatSpecArb extends (wild: boolean) => fc.Arbitrary<infer T> ? T : never;

/** Seats of the generated kinds; a placeholder seat (`kind:{communityCode}`) at most once per kind. */
function seatsOf(specs: readonly SeatSpec[]): { seats: PartySeat[]; exact: Record<string, string> } {
  const exact: Record<string, string> = {};
  const seats = specs.map(({ kind, weight, placeholder, speaker }, i): PartySeat => {
    const placeholderId = `${kind}:{communityCode}`;
    const firstOfKind = specs.findIndex((s) => s.kind === kind && s.placeholder) === i;
    const partyId = placeholder && firstOfKind ? placeholderId : `${kind}:seat-${i}`;
    if (speaker !== null && partyId !== placeholderId) exact[partyId] = speaker;
    return { partyId, kind, title: `Seat ${i}`, weight, voteWindowHours: 24 };
  });
  return { seats, exact };
}

/** Arbiters: neutral portals; when wild, also an unregistered portal, a party of a seated kind, or a seat. */
const arbiterArb = (seats: readonly PartySeat[], wild: boolean) =>
  fc.oneof(
    { weight: 3, arbitrary: fc.constantFrom('portal:street', 'portal:district') },
    { weight: oddsOf(wild), arbitrary: fc.constant('portal:unregistered') },
    { weight: oddsOf(wild), arbitrary: fc.constantFrom(...seats.map((seat) => `${seat.kind}:arbiter`)) },
    { weight: oddsOf(wild), arbitrary: fc.constantFrom(...seats.map((seat) => seat.partyId)) },
  );

const escalationArb = (seats: readonly PartySeat[], wild: boolean): fc.Arbitrary<EscalationStep[]> =>
  fc.array(arbiterArb(seats, wild), { minLength: 1, maxLength: 3 }).chain((arbiters) =>
    fc.constantFrom<DecisionOutcome>('approved', 'rejected').map((last) =>
      arbiters.map((arbiterId, i) => ({
        arbiterId,
        title: `Level ${i + 1}`,
        deadlineHours: 72,
        defaultOutcome: i === arbiters.length - 1 ? last : ('escalate' as const),
      })),
    ),
  );

/** Any quorum up to just above the total, or (as often) a majority of up to two thirds, where valid policies lie. */
const quorumArb = (total: number) => {
  const majority = Math.floor(total / 2) + 1;
  return fc.oneof(
    fc.integer({ min: 1, max: total + 1 }),
    fc.integer({ min: majority, max: Math.max(majority, Math.ceil((2 * total) / 3)) }),
  );
};

/**
 * Any policy of 1–8 seats with a controller table: blocs (several seats of one controller),
 * placeholders, exact rules, unmapped parties, arbiters that vote or share a controller with a seat
 * (a portal registered as a funder), and any quorum from 1 to just above the total weight. Valid or
 * not: the oracle decides.
 */
export const controlledPolicyArb: fc.Arbitrary<{ policy: DecisionPolicy; table: ControllerTable }> = fc
  .boolean()
  .chain((wild) =>
    fc
      .record({
        byKind: byKindArb(wild),
        specs: fc.array(seatSpecArb(wild), { minLength: wild ? 1 : 4, maxLength: 8 }),
      })
      .chain(({ byKind, specs }) => {
        const { seats, exact } = seatsOf(specs);
        const total = seats.reduce((sum, seat) => sum + seat.weight, 0);
        return fc
          .record({ quorum: quorumArb(total), escalation: escalationArb(seats, wild) })
          .map(({ quorum, escalation }) => ({
            table: {
              byKind,
              exact: { ...exact, 'portal:street': 'portal:street', 'portal:district': 'portal:district' },
            },
            policy: policyOf(seats, quorum, escalation),
          }));
      }),
  );

const policyOf = (parties: PartySeat[], quorum: number, escalation: EscalationStep[]): DecisionPolicy => ({
  policyId: 'generated.controlled',
  version: 1,
  decisionKind: 'activity-proposal',
  communityCode: null,
  title: 'A generated district-wide policy',
  parties,
  quorum,
  deliberationHours: 24,
  maxAmendments: 1,
  escalation,
});
