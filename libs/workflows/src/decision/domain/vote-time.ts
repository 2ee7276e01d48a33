import { type DecisionContext, type DecisionState, hoursToMs, ruleOn } from './decision-state';

/**
 * When a vote or ruling counts as cast (docs/decisions.md, "Time: votes judged by when they were
 * published"). A vote published before its deadline may reach the workflow later: consumer lag, an
 * outage, a redelivery. So the bridge passes `castAt`, the time the broker appended the event, and the
 * workflow waits `voteGraceMs` past each deadline before it records silence or an arbiter's default.
 */

/** How long past a deadline the workflow still waits for votes already in the platform (0 unless set). */
export const graceMs = (ctx: DecisionContext) =>
  ruleOn(ctx, 'castAt') && ctx.voteGraceMs !== undefined && ctx.voteGraceMs > 0 ? ctx.voteGraceMs : 0;

/** The moment a deadline's silence is recorded: the deadline plus the grace. */
export const silenceAt = (ctx: DecisionContext, deadline: number) => deadline + graceMs(ctx);

/**
 * The time a vote is judged by: its append time, but never later than its arrival (a broker clock
 * ahead of the workflow's counts as now) nor earlier than the period it belongs to began (a round's
 * start, an escalation level's start). Without `castAt`, or before the rule was on, its arrival.
 */
export function judgedTime(ctx: DecisionContext, castAt: number | undefined, now: number, periodStart: number): number {
  if (!ruleOn(ctx, 'castAt') || castAt === undefined || !Number.isFinite(castAt)) return now;
  return Math.max(Math.min(castAt, now), Math.min(periodStart, now));
}

/** When the current escalation level was reached: its deadline less its window (escalate() sets it so). */
export function escalationStart(ctx: DecisionContext, state: DecisionState): number | null {
  if (!state.escalation) return null;
  const step = ctx.policy.escalation[state.escalation.level - 1];
  return step ? state.escalation.deadline - hoursToMs(step.deadlineHours) : null;
}

/** "2026-03-09T01:30:00.000Z (cast at …)" when the judged time is not the arrival, for refusal messages. */
export const describeCast = (judged: number, now: number) =>
  judged === now ? '' : ` (cast at ${new Date(judged).toISOString()})`;
