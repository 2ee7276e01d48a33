import { type ArgumentsHost, Catch, type ExceptionFilter, HttpStatus } from '@nestjs/common';
import { type AnyNeedError, NeedError } from '../../domain/need-errors';

interface HttpReply {
  status: number;
  body: Record<string, unknown>;
}

/** Every need error code → its HTTP status and body; the switch is exhaustive (lint checks it). */
export function toHttpReply(error: AnyNeedError): HttpReply {
  switch (error.code) {
    case 'need-input-invalid':
      return { status: HttpStatus.BAD_REQUEST, body: { message: error.message, problems: error.problems } };
    case 'need-rule-broken':
      return {
        status: HttpStatus.UNPROCESSABLE_ENTITY,
        body: { code: error.code, message: error.message, problems: error.problems },
      };
    case 'need-not-found':
    case 'community-not-found':
      return { status: HttpStatus.NOT_FOUND, body: { code: error.code, message: error.message } };
    case 'need-closed':
      return {
        status: HttpStatus.CONFLICT,
        body: { code: error.code, message: error.message, allowedTransitions: error.allowed },
      };
  }
}

/** The HTTP face of the need errors; anything else goes to Nest's default handling. */
@Catch(NeedError)
export class NeedErrorFilter implements ExceptionFilter<NeedError> {
  catch(error: NeedError, host: ArgumentsHost): void {
    const { status, body } = toHttpReply(error as AnyNeedError);
    host
      .switchToHttp()
      .getResponse<{ status(code: number): { json(body: unknown): void } }>()
      .status(status)
      .json({ statusCode: status, ...body });
  }
}
