import { type ArgumentsHost, Catch, type ExceptionFilter, HttpStatus } from '@nestjs/common';
import { type AnyResidentError, ResidentError } from '../../domain/resident-errors';

interface HttpReply {
  status: number;
  body: Record<string, unknown>;
}

/** Every resident error code → its HTTP status and body; the switch is exhaustive (lint checks it). */
export function toHttpReply(error: AnyResidentError): HttpReply {
  switch (error.code) {
    case 'resident-input-invalid':
      return { status: HttpStatus.BAD_REQUEST, body: { message: error.message, problems: error.problems } };
    case 'resident-not-found':
    case 'community-not-found':
      return { status: HttpStatus.NOT_FOUND, body: { code: error.code, message: error.message } };
    case 'already-registered':
      return {
        status: HttpStatus.CONFLICT,
        body: { code: error.code, message: error.message, residentId: error.residentId },
      };
  }
}

/** The HTTP face of the register's errors; anything else goes to Nest's default handling. */
@Catch(ResidentError)
export class ResidentErrorFilter implements ExceptionFilter<ResidentError> {
  catch(error: ResidentError, host: ArgumentsHost): void {
    const { status, body } = toHttpReply(error as AnyResidentError);
    host
      .switchToHttp()
      .getResponse<{ status(code: number): { json(body: unknown): void } }>()
      .status(status)
      .json({ statusCode: status, ...body });
  }
}
