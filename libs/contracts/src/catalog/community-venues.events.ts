import { type Static, Type } from '@sinclair/typebox';
import { defineEvent } from '../events/event-definition';
import { Id, Instant, literalUnion, Revision, StrictCommunityCode } from './common';

/*
 * A community's venues (活动室, 社区食堂…) and the bookings of approved activities' sessions in them.
 * Bookings never overlap in one venue, fit its capacity and opening hours, and exist only for a
 * proposal governance approved. Subjects: the venueId, the bookingId.
 */

const ClockTime = (description: string, pattern: string) => Type.String({ pattern, description });
const HOUR_MINUTE = '([01][0-9]|2[0-3]):[0-5][0-9]';

/** The venue is open on `weekday` (1 = Monday … 7 = Sunday, ISO 8601) from `opens` to `closes`, venue time. */
export const OpeningHours = Type.Object(
  {
    weekday: Type.Integer({ minimum: 1, maximum: 7, description: '1 = Monday … 7 = Sunday' }),
    opens: ClockTime('HH:MM, in the venue time zone', `^${HOUR_MINUTE}$`),
    closes: ClockTime('HH:MM, in the venue time zone; 24:00 = until midnight', `^(${HOUR_MINUTE}|24:00)$`),
  },
  { additionalProperties: true },
);
export type OpeningHours = Static<typeof OpeningHours>;

const VenueData = Type.Object(
  {
    venueId: Id,
    communityCode: StrictCommunityCode,
    name: Type.String({ minLength: 1, maxLength: 200 }),
    /** How many people it holds at once. */
    capacity: Type.Integer({ minimum: 1 }),
    /** IANA time zone of the opening hours, e.g. Asia/Shanghai. */
    timeZone: Type.String({ minLength: 1, maxLength: 64, pattern: '^[A-Za-z][A-Za-z0-9_+-]*(/[A-Za-z0-9_+-]+)*$' }),
    /** One entry per opening period; a day may have several, a day without any is closed. */
    openingHours: Type.Array(OpeningHours, { maxItems: 50 }),
    /** retired: no new bookings. Absent = active. */
    status: Type.Optional(literalUnion(['active', 'retired'] as const)),
    revision: Revision,
  },
  { additionalProperties: true },
);

const VENUE_TAIL =
  'Carries the whole venue and its revision; consumers keep the highest revision. Subject: the venueId.';

const venueExample = {
  venueId: 'venue-310104-005-001-hall',
  communityCode: '310104-005-001',
  name: '新华居民区睦邻中心多功能活动室',
  capacity: 40,
  timeZone: 'Asia/Shanghai',
  openingHours: [1, 2, 3, 4, 5].map((weekday) => ({ weekday, opens: '08:30', closes: '20:30' })),
  revision: 1,
};

export const venueRegistered = defineEvent('sanshe.community.venue.registered.v1', {
  description: `A community registered a venue where approved activities can be held. ${VENUE_TAIL}`,
  data: VenueData,
  example: venueExample,
});

export const venueUpdated = defineEvent('sanshe.community.venue.updated.v1', {
  description: `A venue changed: name, capacity, opening hours, or retired. Existing bookings stand. ${VENUE_TAIL}`,
  data: VenueData,
  example: {
    ...venueExample,
    openingHours: [...venueExample.openingHours, { weekday: 6, opens: '09:00', closes: '17:00' }],
    revision: 2,
  },
});

export const bookingConfirmed = defineEvent('sanshe.community.booking.confirmed.v1', {
  description:
    "One session of an approved activity is booked in a community's venue, from startsAt (included) to " +
    'endsAt (excluded): it overlaps no other booking of the venue, fits its capacity and its opening hours. ' +
    'Subject: the bookingId.',
  data: Type.Object(
    {
      bookingId: Id,
      venueId: Id,
      communityCode: StrictCommunityCode,
      /** The approved proposal whose activity this session belongs to. */
      proposalId: Id,
      organizationId: Id,
      startsAt: Instant,
      endsAt: Instant,
      participants: Type.Integer({ minimum: 1 }),
    },
    { additionalProperties: true },
  ),
  example: {
    bookingId: 'booking-2026-0117',
    venueId: 'venue-310104-005-001-hall',
    communityCode: '310104-005-001',
    proposalId: 'prop-2026-0001',
    organizationId: 'org-xinhua-elderly-care',
    startsAt: '2026-04-07T03:00:00.000Z',
    endsAt: '2026-04-07T05:00:00.000Z',
    participants: 36,
  },
});

export const bookingCancelled = defineEvent('sanshe.community.booking.cancelled.v1', {
  description:
    'A booked session was cancelled by the organization that booked it or by the community; the time is ' +
    'free again. Subject: the bookingId.',
  data: Type.Object(
    {
      bookingId: Id,
      venueId: Id,
      communityCode: StrictCommunityCode,
      reason: Type.String({ minLength: 1, maxLength: 500 }),
    },
    { additionalProperties: true },
  ),
  example: {
    bookingId: 'booking-2026-0117',
    venueId: 'venue-310104-005-001-hall',
    communityCode: '310104-005-001',
    reason: '台风"贝碧嘉"橙色预警，本次助餐改为志愿者送餐上门。',
  },
});
