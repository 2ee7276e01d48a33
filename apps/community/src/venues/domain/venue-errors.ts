import type { FieldProblem } from '@sanshe/contracts';

/**
 * What can go wrong with a venue or a booking, as domain errors with a code; interface/http/venue-error.filter.ts
 * maps every code to its HTTP reply (an exhaustive switch).
 */
export abstract class VenueError extends Error {
  abstract readonly code: string;
}

/** A field or parameter is malformed or breaks a rule (opening hours, capacity, past); each problem names its field. */
export class VenueInputInvalid extends VenueError {
  readonly code = 'venue-input-invalid';
  constructor(readonly problems: FieldProblem[]) {
    super(`invalid request: ${problems.map((p) => `${p.path || '/'} ${p.message}`).join('; ')}`);
  }
}

/**
 * Each field well formed, but a session breaks a rule no schema states: it ends after it starts, is not in the
 * past, and fits the venue's stored opening hours and capacity (422, naming each field).
 */
export class BookingRuleBroken extends VenueError {
  readonly code = 'booking-rule-broken';
  constructor(readonly problems: FieldProblem[]) {
    super(`rule broken: ${problems.map((p) => `${p.path || '/'} ${p.message}`).join('; ')}`);
  }
}

/** An id names nothing: a venue, a booking, a proposal, a community. */
export class VenueNotFound extends VenueError {
  readonly code = 'not-found';
}

/** The request conflicts with what is stored, other than an overlap: `conflict` says how. */
export class VenueConflict extends VenueError {
  constructor(
    readonly code:
      'proposal-not-approved' | 'proposal-in-other-community' | 'venue-in-other-community' | 'venue-retired',
    message: string,
  ) {
    super(message);
  }
}

/** Two sessions of one request overlap each other (`[)` ranges): nothing is booked. */
export class SessionsOverlap extends VenueError {
  readonly code = 'sessions-overlap';
  constructor(readonly sessions: [number, number]) {
    super(`sessions ${sessions[0]} and ${sessions[1]} of the request overlap each other`);
  }
}

/** A session overlaps an active booking of the venue (the exclusion constraint said so): nothing is booked. */
export class BookingOverlap extends VenueError {
  readonly code = 'booking-overlap';
  constructor(
    readonly conflict: { bookingId: string; startsAt: Date; endsAt: Date } | null,
    venueId: string,
  ) {
    super(
      conflict
        ? `venue ${venueId} is booked from ${conflict.startsAt.toISOString()} to ${conflict.endsAt.toISOString()} ` +
            `(booking ${conflict.bookingId})`
        : `venue ${venueId} is booked at that time`,
    );
  }
}

export type AnyVenueError =
  VenueInputInvalid | BookingRuleBroken | VenueNotFound | VenueConflict | SessionsOverlap | BookingOverlap;
