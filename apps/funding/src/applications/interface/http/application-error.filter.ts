import { type ArgumentsHost, Catch, type ExceptionFilter, HttpStatus } from '@nestjs/common';
import { type AnyApplicationError, ApplicationError } from '../../domain/application-errors';

/** Every application error code → its HTTP status and body; the switch is exhaustive (lint checks it). */
export function applicationHttpReply(error: AnyApplicationError): { status: number; body: Record<string, unknown> } {
  switch (error.code) {
    case 'application-input-invalid':
      return { status: HttpStatus.BAD_REQUEST, body: { message: error.message, problems: error.problems } };
    case 'application-not-found':
      return { status: HttpStatus.NOT_FOUND, body: { code: error.code, message: error.message } };
    case 'application-not-open':
      return { status: HttpStatus.CONFLICT, body: { code: error.code, message: error.message, status: error.status } };
  }
}

@Catch(ApplicationError)
export class ApplicationErrorFilter implements ExceptionFilter<ApplicationError> {
  catch(error: ApplicationError, host: ArgumentsHost): void {
    const { status, body } = applicationHttpReply(error as AnyApplicationError);
    host
      .switchToHttp()
      .getResponse<{ status(code: number): { json(body: unknown): void } }>()
      .status(status)
      .json({ statusCode: status, ...body });
  }
}
