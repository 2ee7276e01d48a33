import { type ArgumentsHost, Catch, type ExceptionFilter, HttpStatus } from '@nestjs/common';
import { type AnyRepresentativeError, RepresentativeError } from '../../domain/representative-errors';

/** Every representative error code → its HTTP status and body; the switch is exhaustive. */
export function representativeHttpReply(error: AnyRepresentativeError): {
  status: number;
  body: Record<string, unknown>;
} {
  switch (error.code) {
    case 'representative-input-invalid':
      return { status: HttpStatus.BAD_REQUEST, body: { message: error.message, problems: error.problems } };
    case 'representative-rule-broken':
      return {
        status: HttpStatus.UNPROCESSABLE_ENTITY,
        body: { code: error.code, message: error.message, problems: error.problems },
      };
    case 'representative-not-found':
      return { status: HttpStatus.NOT_FOUND, body: { message: error.message } };
    case 'already-represents':
      return {
        status: HttpStatus.CONFLICT,
        body: { code: error.code, message: error.message, body: error.body, representativeId: error.representativeId },
      };
    case 'already-ended':
      return { status: HttpStatus.CONFLICT, body: { code: error.code, message: error.message } };
  }
}

@Catch(RepresentativeError)
export class RepresentativeErrorFilter implements ExceptionFilter<RepresentativeError> {
  catch(error: RepresentativeError, host: ArgumentsHost): void {
    const { status, body } = representativeHttpReply(error as AnyRepresentativeError);
    host
      .switchToHttp()
      .getResponse<{ status(code: number): { json(body: unknown): void } }>()
      .status(status)
      .json({ statusCode: status, ...body });
  }
}
