import type { DecisionOutcome } from '@sanshe/contracts';
import type { Choice, DecisionContext, FinalOutcome } from '../../src/decision/domain/decision';
import { type TimedVote, totalOf, windowMs } from './arbitraries';
import { must } from './simulate';

export type Expected = Pick<FinalOutcome, 'result' | 'decidedBy' | 'level'>;

/**
 * The rules of DESIGN.md §4, computed independently of the state machine, for votes cast once and
 * no amendment: a vote at or after its party's deadline does not count, a silent party and the
 * recused proposer count as abstaining; approve ≥ quorum passes, total − object < quorum fails,
 * anything else escalates and (arbiters silent) follows the defaults up the levels.
 */
export function expectedOutcome(ctx: DecisionContext, votes: readonly TimedVote[]): Expected {
  const weightOf = { approve: 0, object: 0, abstain: 0 } satisfies Record<Choice, number>;
  for (const seat of ctx.policy.parties) {
    const vote = votes.find((v) => v.partyId === seat.partyId);
    const counts = seat.partyId !== ctx.proposerId && vote !== undefined && vote.offset < windowMs(seat);
    weightOf[counts ? vote.choice : 'abstain'] += seat.weight;
  }
  const total = totalOf(ctx.policy.parties);
  if (weightOf.approve >= ctx.policy.quorum) return { result: 'approved', decidedBy: 'votes', level: 0 };
  if (total - weightOf.object < ctx.policy.quorum) return { result: 'rejected', decidedBy: 'votes', level: 0 };
  const level = ctx.policy.escalation.findIndex((step) => step.defaultOutcome !== 'escalate');
  return {
    result: must(ctx.policy.escalation[level]).defaultOutcome as DecisionOutcome,
    decidedBy: 'default',
    level: level + 1,
  };
}
