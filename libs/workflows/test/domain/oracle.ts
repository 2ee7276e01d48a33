import type { DecisionOutcome, DecisionPolicy, PartySeat } from '@sanshe/contracts';
import type { Choice, DecisionContext, FinalOutcome } from '../../src/decision/domain/decision-state';
import { type TimedVote, totalOf, windowMs } from './arbitraries';
import { must } from './simulate';

export type Expected = Pick<FinalOutcome, 'result' | 'decidedBy' | 'level'>;

/**
 * The rules of docs/decisions.md, computed independently of the state machine, for votes cast once and
 * no amendment: a vote at or after its party's deadline does not count, a silent party counts as
 * abstaining, a seated proposer's seat leaves the electorate (quorum: recusedQuorum, below);
 * approve ≥ quorum passes, total − object < quorum fails, anything else escalates and (arbiters
 * silent) follows the defaults up the levels.
 */
export function expectedOutcome(ctx: DecisionContext, votes: readonly TimedVote[]): Expected {
  const weightOf = { approve: 0, object: 0, abstain: 0 } satisfies Record<Choice, number>;
  const eligible = ctx.policy.parties.filter((seat) => seat.partyId !== ctx.proposerId);
  for (const seat of eligible) {
    const vote = votes.find((v) => v.partyId === seat.partyId);
    const counts = vote !== undefined && vote.offset < windowMs(seat);
    weightOf[counts ? vote.choice : 'abstain'] += seat.weight;
  }
  const total = totalOf(eligible);
  const quorum = recusedQuorum(ctx.policy, eligible);
  if (weightOf.approve >= quorum) return { result: 'approved', decidedBy: 'votes', level: 0 };
  if (total - weightOf.object < quorum) return { result: 'rejected', decidedBy: 'votes', level: 0 };
  const level = ctx.policy.escalation.findIndex((step) => step.defaultOutcome !== 'escalate');
  return {
    result: must(ctx.policy.escalation[level]).defaultOutcome as DecisionOutcome,
    decidedBy: 'default',
    level: level + 1,
  };
}

/**
 * The quorum of the seats left when the proposer's seat is recused, from what rule 6 asks rather than
 * from electorate()'s formula: every whole quorum from 1 to the remaining weight is tried against every
 * seat. Fair quorums are those where no single seat can block (the others, all approving, still reach
 * it) and none can approve alone (its weight falls short). Of those, the one nearest the policy's share
 * (the smallest quorum whose fraction of the remaining weight is at least the policy's fraction of
 * its own); where none is fair, no single veto wins: the highest quorum that no seat can block.
 */
export function recusedQuorum(policy: DecisionPolicy, seats: readonly PartySeat[]): number {
  const total = totalOf(seats);
  const policyTotal = totalOf(policy.parties);
  if (total === policyTotal) return policy.quorum;
  const quorums = Array.from({ length: total }, (_, i) => i + 1);
  const noneBlocks = (q: number) => seats.every((seat) => total - seat.weight >= q);
  const noneApprovesAlone = (q: number) => seats.every((seat) => seat.weight < q);
  const share = quorums.find((q) => q * policyTotal >= policy.quorum * total) ?? total;
  const fair = quorums.filter((q) => noneBlocks(q) && noneApprovesAlone(q));
  if (fair.length > 0) {
    const distance = (q: number) => Math.abs(q - share);
    return fair.reduce((best, q) => (distance(q) < distance(best) ? q : best));
  }
  return Math.max(...quorums.filter(noneBlocks));
}
