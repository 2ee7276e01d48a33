import { type ArgumentsHost, Catch, type ExceptionFilter, HttpStatus } from '@nestjs/common';
import { type AnyGrantError, GrantError } from '../../domain/grant-errors';

/** Every grant error code → its HTTP status and body; the switch is exhaustive (lint checks it). */
export function grantHttpReply(error: AnyGrantError): { status: number; body: Record<string, unknown> } {
  switch (error.code) {
    case 'grant-input-invalid':
      return { status: HttpStatus.BAD_REQUEST, body: { message: error.message, problems: error.problems } };
    case 'grant-not-found':
      return { status: HttpStatus.NOT_FOUND, body: { code: error.code, message: error.message } };
    case 'program-closed':
    case 'organization-deregistered':
      return { status: HttpStatus.CONFLICT, body: { code: error.code, message: error.message } };
    case 'application-not-open':
      return { status: HttpStatus.CONFLICT, body: { code: error.code, message: error.message, status: error.status } };
    case 'insufficient-available': {
      const { code, message, availableFen, pendingFen, requestedFen } = error;
      return { status: HttpStatus.CONFLICT, body: { code, message, availableFen, pendingFen, requestedFen } };
    }
  }
}

@Catch(GrantError)
export class GrantErrorFilter implements ExceptionFilter<GrantError> {
  catch(error: GrantError, host: ArgumentsHost): void {
    const { status, body } = grantHttpReply(error as AnyGrantError);
    host
      .switchToHttp()
      .getResponse<{ status(code: number): { json(body: unknown): void } }>()
      .status(status)
      .json({ statusCode: status, ...body });
  }
}
