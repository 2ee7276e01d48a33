import { Type } from '@sinclair/typebox';
import { defineEvent } from '../events/event-definition';
import { CalendarDate, Id, Instant, literalUnion, StaffRole, StrictCommunityCode } from './common';
import { DecisionId } from './decision';

/*
 * Hours served (服务时长), confirmed by two parties (docs/events.md, "Talent events"): the employing
 * organization records them through the talent service, the host community confirms or disputes them
 * (sanshe.community.hours.*), and governance's hours workflow settles them — silence until confirmBy counts
 * as confirmation, a dispute opens a decision with a third party. Subject: the hoursId.
 */

const HoursIds = {
  hoursId: Id,
  workerId: Id,
  /** The worker's kind when the hours were served: a volunteer's confirmed hours go to their time bank. */
  workerKind: StaffRole,
  /** The employing organization, which recorded the hours. */
  organizationId: Id,
  activityId: Id,
  /** The host community, whose committee (party `community:<code>`) confirms or disputes them. */
  communityCode: StrictCommunityCode,
};
const ids = {
  hoursId: 'hours-2026-00417',
  workerId: 'vol-2024-0311',
  workerKind: 'volunteer' as const,
  organizationId: 'org-xinhua-elderly-care',
  activityId: 'act-2026-0009',
  communityCode: '310104-005-001',
};

/** Minutes served on one day: at least one, at most a whole day. */
const Minutes = Type.Integer({ minimum: 1, maximum: 1440 });

export const hoursRecorded = defineEvent('sanshe.talent.hours.recorded.v1', {
  description:
    'The employing organization recorded hours a worker served on an activity, through the talent service. ' +
    'Governance starts the hours confirmation workflow (`hours/<hoursId>`); the host community confirms or ' +
    'disputes them until confirmBy, after which silence counts as confirmation. Subject: the hoursId.',
  data: Type.Object(
    {
      ...HoursIds,
      servedOn: CalendarDate,
      minutes: Minutes,
      /** The activity's session served, when the hours are for one. */
      sessionId: Type.Optional(Id),
      /** Until when the community may confirm or dispute; silence until then is confirmation. */
      confirmBy: Instant,
    },
    { additionalProperties: true },
  ),
  example: {
    ...ids,
    servedOn: '2026-12-01',
    minutes: 150,
    sessionId: 'act-2026-0009-s1',
    confirmBy: '2026-12-09T02:00:00.000Z',
  },
});

export const hoursConfirmed = defineEvent('sanshe.talent.hours.confirmed.v1', {
  description:
    'Hours were confirmed and count: by the community (confirmedBy community), by its silence until confirmBy ' +
    '(silence), or by the decision on its dispute (decision, with decisionId). Published once per hours by the ' +
    "talent service when governance's workflow records them; volunteers' minutes go to their time bank and " +
    'rewards are earned from them. Subject: the hoursId.',
  data: Type.Object(
    {
      ...HoursIds,
      minutes: Minutes,
      confirmedBy: literalUnion(['community', 'silence', 'decision']),
      /** The decision on the dispute (`decision/hours-dispute/<hoursId>`), when confirmedBy is decision. */
      decisionId: Type.Optional(DecisionId),
      confirmedAt: Instant,
    },
    { additionalProperties: true },
  ),
  example: { ...ids, minutes: 150, confirmedBy: 'silence', confirmedAt: '2026-12-09T02:00:00.000Z' },
});

export const hoursRejected = defineEvent('sanshe.talent.hours.rejected.v1', {
  description:
    'Disputed hours were rejected by the decision on the dispute (decisionId) and do not count. Published once ' +
    "per hours by the talent service when governance's workflow records the outcome. Subject: the hoursId.",
  data: Type.Object(
    { ...HoursIds, minutes: Minutes, decisionId: DecisionId, rejectedAt: Instant },
    { additionalProperties: true },
  ),
  example: {
    ...ids,
    minutes: 150,
    decisionId: 'decision/hours-dispute/hours-2026-00417',
    rejectedAt: '2026-12-12T06:30:00.000Z',
  },
});
