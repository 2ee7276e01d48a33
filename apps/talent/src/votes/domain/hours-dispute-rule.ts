import type { ObjectionReason, VoteChoice } from '@sanshe/contracts';
import { automaticVoteOf, isTalentParty } from './talent-vote';

/*
 * The talent party's vote on a community's dispute of recorded hours (pure): the professional check talent
 * can make is that it holds the hours record the decision is about, and that the worker was assigned to
 * that activity on the day served. Whether the hours were really served is the community's and the street
 * office's to judge; talent only says whether its own records back them.
 */

/** The hours-dispute rule is data (README "The talent party votes"): a new version is a new constant. */
export interface HoursDisputeRules {
  version: number;
  /** Where the service works: the served day and an assignment's days are dates there. */
  timeZone: string;
  /** Only an active (not released) assignment backs the hours. */
  assignmentStatuses: readonly string[];
}

export const HOURS_DISPUTE_RULES: HoursDisputeRules = {
  version: 1,
  timeZone: 'Asia/Shanghai',
  assignmentStatuses: ['active'],
};

export const HOURS_DISPUTE_KIND = 'hours-dispute';

export type HoursDisputeCode = 'hours-not-recorded-here' | 'worker-not-assigned';

/** The hours record as the rule reads it. */
export interface DisputedHours {
  hoursId: string;
  workerId: string;
  activityId: string;
  /** The calendar date served (YYYY-MM-DD), in the service's time zone. */
  servedOn: string;
}

export interface AssignmentSpan {
  workerId: string;
  activityId: string;
  startsAt: string;
  endsAt: string;
  status: string;
}

const dayIn = (timeZone: string, instant: number): string =>
  new Intl.DateTimeFormat('en-CA', { timeZone }).format(new Date(instant));

/** The local days an assignment serves: the day of its start through the day of its last instant. */
export function daysServed(span: AssignmentSpan, rules: HoursDisputeRules = HOURS_DISPUTE_RULES) {
  return {
    first: dayIn(rules.timeZone, Date.parse(span.startsAt)),
    last: dayIn(rules.timeZone, Date.parse(span.endsAt) - 1),
  };
}

/** Whether one of the worker's active assignments to the activity covers the day served. */
export function assignedOnDay(
  hours: DisputedHours,
  assignments: readonly AssignmentSpan[],
  rules: HoursDisputeRules = HOURS_DISPUTE_RULES,
): boolean {
  return assignments
    .filter((span) => span.workerId === hours.workerId && span.activityId === hours.activityId)
    .filter((span) => rules.assignmentStatuses.includes(span.status))
    .some((span) => {
      const { first, last } = daysServed(span, rules);
      return first <= hours.servedOn && hours.servedOn <= last;
    });
}

/** What the rule says of the disputed hours: approve, or object naming what failed and the fix. */
export function judgeHoursDispute(
  hoursId: string,
  hours: DisputedHours | null,
  assignments: readonly AssignmentSpan[],
  rules: HoursDisputeRules = HOURS_DISPUTE_RULES,
): { choice: VoteChoice; reason: ObjectionReason | null } {
  if (!hours) {
    const text = `talent holds no hours record ${hoursId}: record the hours through talent (POST /hours) or withdraw the dispute`;
    return { choice: 'object', reason: { code: 'hours-not-recorded-here', text } };
  }
  if (assignedOnDay(hours, assignments, rules)) return { choice: 'approve', reason: null };
  const { workerId, activityId, servedOn } = hours;
  const text =
    `${workerId} had no active assignment to ${activityId} on ${servedOn} (${rules.timeZone}): ` +
    `assign the worker to the activity for ${servedOn} or withdraw the hours`;
  return { choice: 'object', reason: { code: 'worker-not-assigned', text } };
}

/**
 * The votes now due on a hours-dispute decision: each pending talent seat of the current round not yet
 * voted, judged at once. Talent writes the hours record before talent.hours.recorded (one commit) and
 * governance opens a dispute only after it, so a record talent does not hold now it will never hold.
 */
export function hoursDisputeVotesDue(
  decision: { decisionId: string; round: number; closed: boolean },
  seats: readonly { partyId: string; round: number }[],
  alreadyCast: readonly { partyId: string; round: number }[],
  judged: { hoursId: string; hours: DisputedHours | null; assignments: readonly AssignmentSpan[] },
  rules: HoursDisputeRules = HOURS_DISPUTE_RULES,
) {
  if (decision.closed) return [];
  const cast = new Set(alreadyCast.map((vote) => `${vote.partyId} ${vote.round}`));
  const due = seats
    .filter((seat) => seat.round === decision.round && isTalentParty(seat.partyId))
    .filter((seat) => !cast.has(`${seat.partyId} ${seat.round}`));
  if (due.length === 0) return [];
  const verdict = judgeHoursDispute(judged.hoursId, judged.hours, judged.assignments, rules);
  // an hours record has one version: revisionNo 1
  return due.map((seat) =>
    automaticVoteOf({ decisionId: decision.decisionId, ...seat }, verdict, {
      revisionNo: 1,
      rulesVersion: rules.version,
    }),
  );
}
