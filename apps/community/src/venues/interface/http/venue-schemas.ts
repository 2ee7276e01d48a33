import { type Static, type TSchema, Type } from '@sinclair/typebox';
import { bookingConfirmed, Id, Instant, schemaProblems, StrictCommunityCode, venueRegistered } from '@sanshe/contracts';
import { closedObjects } from '@sanshe/nest-platform';
import { VenueInputInvalid } from '../../domain/venue-errors';

// The contract's own field schemas, so a request is judged exactly like the event it becomes.
const venue = venueRegistered.data.properties;
const booking = bookingConfirmed.data.properties;

/**
 * PUT /communities/{communityCode}/venues/{venueId}. Unknown fields are refused at any depth (an opening-hours
 * entry too, open in the event for its consumers): a typo must not pass silently.
 */
export const VenueBody = closedObjects(
  Type.Object({
    name: venue.name,
    capacity: venue.capacity,
    timeZone: Type.Optional({ ...venue.timeZone, default: 'Asia/Shanghai' }),
    openingHours: venue.openingHours,
    status: venue.status,
  }),
);
export type VenueBody = Static<typeof VenueBody>;

export const VenueParams = Type.Object({ communityCode: StrictCommunityCode, venueId: Id });

/** POST /venues/{venueId}/bookings: sessions of one approved proposal. */
export const BookingBody = Type.Object(
  {
    proposalId: booking.proposalId,
    sessions: Type.Array(
      Type.Object(
        { startsAt: booking.startsAt, endsAt: booking.endsAt, participants: booking.participants },
        { additionalProperties: false },
      ),
      { minItems: 1, maxItems: 100 },
    ),
  },
  { additionalProperties: false },
);
export type BookingBody = Static<typeof BookingBody>;

export const CancelBody = Type.Object(
  { reason: Type.Optional(Type.String({ minLength: 1, maxLength: 500 })) },
  { additionalProperties: false },
);
export const RangeQuery = Type.Object({ from: Type.Optional(Instant), to: Type.Optional(Instant) });

/** `value` as `schema` wants it, or VenueInputInvalid naming each field (under `prefix`, e.g. `/query`). */
export function checked<S extends TSchema>(schema: S, value: unknown, prefix = ''): Static<S> {
  const problems = schemaProblems(schema, value ?? {}, prefix);
  if (problems.length > 0) throw new VenueInputInvalid(problems);
  return value as Static<S>;
}

export const VenueView = Type.Composite([
  Type.Object({ venueId: Type.String(), communityCode: Type.String() }),
  Type.Omit(VenueBody, ['timeZone', 'status']),
  Type.Object({ timeZone: Type.String(), status: Type.String(), revision: Type.Integer() }),
]);

export const BookingView = Type.Object({
  bookingId: Type.String(),
  venueId: Type.String(),
  proposalId: Type.String(),
  organizationId: Type.String(),
  communityCode: Type.String(),
  startsAt: Type.String({ format: 'date-time' }),
  endsAt: Type.String({ format: 'date-time' }),
  participants: Type.Integer(),
  status: Type.Union([Type.Literal('active'), Type.Literal('cancelled')]),
  cancelReason: Type.Union([Type.String(), Type.Null()]),
  createdBy: Type.String(),
});

export const NOT_FOUND = Type.Object({ statusCode: Type.Literal(404), code: Type.String(), message: Type.String() });
export const CONFLICT = Type.Object({
  statusCode: Type.Literal(409),
  code: Type.String({
    description:
      'booking-overlap (with conflictingBookingId, startsAt, endsAt), sessions-overlap (with sessions), ' +
      'proposal-not-approved, proposal-in-other-community, venue-in-other-community, venue-retired',
  }),
  message: Type.String(),
  conflictingBookingId: Type.Optional(Type.Union([Type.String(), Type.Null()])),
  startsAt: Type.Optional(Type.String({ format: 'date-time' })),
  endsAt: Type.Optional(Type.String({ format: 'date-time' })),
  sessions: Type.Optional(Type.Array(Type.Integer())),
});
