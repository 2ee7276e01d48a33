import type { NewEvent, ObjectionReason } from '@sanshe/contracts';

/*
 * Hours an organization's worker served in the community, which the committee confirms or disputes
 * (pure rules). Silence is not a veto: the hours count after confirmBy unless disputed, and it is
 * governance's hours workflow, not the community, that settles them (talent.hours.confirmed / rejected).
 */

export type HoursAnswerKind = 'confirmed' | 'disputed';

export interface HoursAnswer {
  kind: HoursAnswerKind;
  eventId: string;
  partyId: string;
  answeredBySub: string;
  reason: ObjectionReason | null;
  answeredAt: string;
  /** sent, or rejected when governance refused it (then `rejection` says why). */
  status: 'sent' | 'rejected';
  rejection: { code: string; reason: string } | null;
}

export interface HoursSettlement {
  outcome: 'confirmed' | 'rejected';
  /** community, silence or decision, for confirmed hours. */
  confirmedBy: string | null;
  settledAt: string;
}

export interface CommunityHours {
  hoursId: string;
  communityCode: string;
  workerId: string;
  workerKind: string;
  organizationId: string;
  activityId: string;
  servedOn: string;
  minutes: number;
  confirmBy: string;
  answer: HoursAnswer | null;
  settlement: HoursSettlement | null;
}

/** Awaiting the committee: not answered, not settled, and confirmBy not passed. */
export const isAwaiting = (hours: CommunityHours, now: Date): boolean =>
  !hours.answer && !hours.settlement && now.getTime() <= Date.parse(hours.confirmBy);

export type HoursRefusal = { code: 'hours-closed' | 'hours-answered'; message: string };

/**
 * Why the committee may not answer the hours at `now` (null when it may): once settled or past confirmBy
 * they are closed (`hours-closed`); the committee answers once (`hours-answered`, naming its answer).
 */
export function answerRefusal(hours: CommunityHours, now: Date): HoursRefusal | null {
  const { hoursId } = hours;
  if (hours.settlement) {
    return { code: 'hours-closed', message: `hours ${hoursId} are settled (${hours.settlement.outcome})` };
  }
  if (hours.answer) {
    return {
      code: 'hours-answered',
      message: `the community already ${hours.answer.kind} hours ${hoursId} (${hours.answer.eventId})`,
    };
  }
  if (now.getTime() > Date.parse(hours.confirmBy)) {
    return { code: 'hours-closed', message: `hours ${hoursId} could be answered until ${hours.confirmBy}` };
  }
  return null;
}

type AnswerEvent =
  | Omit<NewEvent<'sanshe.community.hours.confirmed.v1'>, 'source'>
  | Omit<NewEvent<'sanshe.community.hours.disputed.v1'>, 'source'>;

/**
 * The committee's answer and the one event that carries it to governance (castBy = the party, as for
 * votes). Once per hours, so the event id is the type and the hours id.
 */
export function answerHours(
  hours: CommunityHours,
  kind: HoursAnswerKind,
  answeredBySub: string,
  reason: ObjectionReason | null,
  now: Date,
): { answer: HoursAnswer; event: AnswerEvent } {
  const partyId = `community:${hours.communityCode}`;
  const base = { hoursId: hours.hoursId, communityCode: hours.communityCode, partyId, castBy: partyId };
  const type = kind === 'confirmed' ? 'sanshe.community.hours.confirmed.v1' : 'sanshe.community.hours.disputed.v1';
  const eventId = `${type}:${hours.hoursId}`;
  const answer: HoursAnswer = {
    ...{ kind, eventId, partyId, answeredBySub, reason },
    ...{ answeredAt: now.toISOString(), status: 'sent', rejection: null },
  };
  const event: AnswerEvent =
    kind === 'confirmed'
      ? { type: 'sanshe.community.hours.confirmed.v1', subject: hours.hoursId, id: eventId, data: base }
      : {
          type: 'sanshe.community.hours.disputed.v1',
          subject: hours.hoursId,
          id: eventId,
          data: { ...base, reason: reason as ObjectionReason },
        };
  return { answer, event };
}
