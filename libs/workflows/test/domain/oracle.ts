import type { DecisionOutcome } from '@sanshe/contracts';
import type { Choice, DecisionContext, FinalOutcome } from '../../src/decision/domain/decision-state';
import { type TimedVote, totalOf, windowMs } from './arbitraries';
import { must } from './simulate';

export type Expected = Pick<FinalOutcome, 'result' | 'decidedBy' | 'level'>;

/**
 * The rules of docs/decisions.md, computed independently of the state machine, for votes cast once and
 * no amendment: a vote at or after its party's deadline does not count, a silent party counts as
 * abstaining, a seated proposer's seat leaves the electorate (the quorum scales to the remaining
 * weight, rounded up, then kept within [heaviest + 1, remaining − heaviest], the upper bound winning);
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
  const policyTotal = totalOf(ctx.policy.parties);
  const heaviest = Math.max(...eligible.map((seat) => seat.weight));
  const quorum =
    total === policyTotal
      ? ctx.policy.quorum
      : Math.min(Math.max(Math.ceil((ctx.policy.quorum * total) / policyTotal), heaviest + 1), total - heaviest);
  if (weightOf.approve >= quorum) return { result: 'approved', decidedBy: 'votes', level: 0 };
  if (total - weightOf.object < quorum) return { result: 'rejected', decidedBy: 'votes', level: 0 };
  const level = ctx.policy.escalation.findIndex((step) => step.defaultOutcome !== 'escalate');
  return {
    result: must(ctx.policy.escalation[level]).defaultOutcome as DecisionOutcome,
    decidedBy: 'default',
    level: level + 1,
  };
}
