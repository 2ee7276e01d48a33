import type { DecisionPolicy } from '@sanshe/contracts';
import type { ControllerResolver } from '../../src/decision/domain/policy-rules';

const VOTES = ['approve', 'object', 'silent'] as const;
type Vote = (typeof VOTES)[number];
type Ballot = readonly Vote[];

/** A ballot's result on approval, from scratch: the weight of the seats that approve, against the quorum. */
const passes = (policy: DecisionPolicy, ballot: Ballot) =>
  policy.parties.reduce((sum, seat, i) => (ballot[i] === 'approve' ? sum + seat.weight : sum), 0) >= policy.quorum;

/** Every ballot in which the seats in `fixed` vote as given and every other seat approves, objects or is silent. */
function* ballots(seats: number, fixed: ReadonlyMap<number, Vote>): Generator<Ballot> {
  const free = [...Array(seats).keys()].filter((i) => !fixed.has(i));
  for (let n = 0; n < 3 ** free.length; n++) {
    // Ballot n: the k-th free seat's vote is the k-th base-3 digit of n.
    yield [...Array(seats).keys()].map(
      (i) => fixed.get(i) ?? VOTES[Math.floor(n / 3 ** free.indexOf(i)) % 3] ?? 'silent',
    );
  }
}

export interface ControllerPower {
  /** Whatever the others do, it keeps a decision from passing by objecting on (or staying silent in) all its seats. */
  blocks: boolean;
  /** Whatever the others do, it passes a decision by approving on all its seats. */
  approves: boolean;
}

/**
 * What each controller can do alone, found by brute force (written apart from validatePolicy): every
 * ballot of the other seats is tallied, with the controller's own seats all objecting, all silent, or
 * all approving.
 */
export function controllerPowers(
  policy: DecisionPolicy,
  controllerOf: ControllerResolver,
): Map<string, ControllerPower> {
  const seatsOf = new Map<string, number[]>();
  policy.parties.forEach((seat, i) => {
    const controller = controllerOf(seat.partyId);
    if (controller !== null) seatsOf.set(controller, [...(seatsOf.get(controller) ?? []), i]);
  });
  const all = (seats: number[], vote: Vote) => new Map(seats.map((i) => [i, vote]));
  const everyBallot = (fixed: Map<number, Vote>, holds: (ballot: Ballot) => boolean) =>
    [...ballots(policy.parties.length, fixed)].every(holds);

  const powers = new Map<string, ControllerPower>();
  for (const [controller, seats] of seatsOf) {
    powers.set(controller, {
      blocks: (['object', 'silent'] as const).some((vote) =>
        everyBallot(all(seats, vote), (ballot) => !passes(policy, ballot)),
      ),
      approves: everyBallot(all(seats, 'approve'), (ballot) => passes(policy, ballot)),
    });
  }
  return powers;
}
