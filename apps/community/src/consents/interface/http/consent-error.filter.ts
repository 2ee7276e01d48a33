import { type ArgumentsHost, Catch, type ExceptionFilter, HttpStatus } from '@nestjs/common';
import { type AnyConsentError, ConsentError } from '../../domain/consent-errors';

interface HttpReply {
  status: number;
  body: Record<string, unknown>;
}

/** Every consent error code → its HTTP status and body; the switch is exhaustive (lint checks it). */
export function toHttpReply(error: AnyConsentError): HttpReply {
  switch (error.code) {
    case 'consent-input-invalid':
      return { status: HttpStatus.BAD_REQUEST, body: { message: error.message, problems: error.problems } };
    case 'resident-not-found':
      return { status: HttpStatus.NOT_FOUND, body: { code: error.code, message: error.message } };
  }
}

/** The HTTP face of the consent errors; anything else goes to Nest's default handling. */
@Catch(ConsentError)
export class ConsentErrorFilter implements ExceptionFilter<ConsentError> {
  catch(error: ConsentError, host: ArgumentsHost): void {
    const { status, body } = toHttpReply(error as AnyConsentError);
    host
      .switchToHttp()
      .getResponse<{ status(code: number): { json(body: unknown): void } }>()
      .status(status)
      .json({ statusCode: status, ...body });
  }
}
