import { type ArgumentsHost, Catch, type ExceptionFilter, HttpStatus } from '@nestjs/common';
import { type AnyVenueError, VenueError } from '../../domain/venue-errors';

interface HttpReply {
  status: number;
  body: Record<string, unknown>;
}

/** Every venue error code → its HTTP status and body; the switch is exhaustive (lint checks it). */
export function toHttpReply(error: AnyVenueError): HttpReply {
  switch (error.code) {
    case 'venue-input-invalid':
      return { status: HttpStatus.BAD_REQUEST, body: { message: error.message, problems: error.problems } };
    case 'booking-rule-broken':
      return {
        status: HttpStatus.UNPROCESSABLE_ENTITY,
        body: { code: error.code, message: error.message, problems: error.problems },
      };
    case 'not-found':
      return { status: HttpStatus.NOT_FOUND, body: { code: error.code, message: error.message } };
    case 'booking-overlap': {
      const { conflict } = error;
      return {
        status: HttpStatus.CONFLICT,
        body: {
          code: error.code,
          message: error.message,
          conflictingBookingId: conflict?.bookingId ?? null,
          ...(conflict ? { startsAt: conflict.startsAt.toISOString(), endsAt: conflict.endsAt.toISOString() } : {}),
        },
      };
    }
    case 'sessions-overlap':
      return {
        status: HttpStatus.CONFLICT,
        body: { code: error.code, message: error.message, sessions: error.sessions },
      };
    case 'proposal-not-approved':
    case 'proposal-in-other-community':
    case 'venue-in-other-community':
    case 'venue-retired':
      return { status: HttpStatus.CONFLICT, body: { code: error.code, message: error.message } };
  }
}

/** The HTTP face of the venue errors; anything else goes to Nest's default handling. */
@Catch(VenueError)
export class VenueErrorFilter implements ExceptionFilter<VenueError> {
  catch(error: VenueError, host: ArgumentsHost): void {
    const { status, body } = toHttpReply(error as AnyVenueError);
    host
      .switchToHttp()
      .getResponse<{ status(code: number): { json(body: unknown): void } }>()
      .status(status)
      .json({ statusCode: status, ...body });
  }
}
