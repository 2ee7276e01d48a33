import { type ArgumentsHost, Catch, type ExceptionFilter, HttpStatus } from '@nestjs/common';
import { ActivityError, type AnyActivityError } from '../../domain/activity-errors';

interface HttpReply {
  status: number;
  body: Record<string, unknown>;
}

/** Every activity error code → its HTTP status and body; the switch is exhaustive (lint checks it). */
export function toHttpReply(error: AnyActivityError): HttpReply {
  switch (error.code) {
    case 'activity-input-invalid':
      return { status: HttpStatus.BAD_REQUEST, body: { message: error.message, problems: error.problems } };
    case 'activity-not-found':
    case 'session-not-found':
    case 'organization-not-found':
    case 'member-not-found':
    case 'report-not-found':
      return { status: HttpStatus.NOT_FOUND, body: { code: error.code, message: error.message } };
    case 'invalid-transition':
      return {
        status: HttpStatus.CONFLICT,
        body: {
          code: error.code,
          message: error.message,
          status: error.status,
          attempted: error.attempted,
          allowed: error.allowed,
        },
      };
    case 'no-session-held':
      return { status: HttpStatus.CONFLICT, body: { code: error.code, message: error.message } };
    case 'session-status-conflict':
      return {
        status: HttpStatus.CONFLICT,
        body: {
          code: error.code,
          message: error.message,
          sessionId: error.sessionId,
          sessionStatus: error.sessionStatus,
        },
      };
  }
}

/** The HTTP face of the activity errors; anything else goes to Nest's default handling. */
@Catch(ActivityError)
export class ActivityErrorFilter implements ExceptionFilter<ActivityError> {
  catch(error: ActivityError, host: ArgumentsHost): void {
    const { status, body } = toHttpReply(error as AnyActivityError);
    host
      .switchToHttp()
      .getResponse<{ status(code: number): { json(body: unknown): void } }>()
      .status(status)
      .json({ statusCode: status, ...body });
  }
}
