import { type ArgumentsHost, Catch, type ExceptionFilter, HttpStatus } from '@nestjs/common';
import { type AnyDataAccessError, DataAccessError } from '../../domain/data-access-errors';

interface HttpReply {
  status: number;
  body: Record<string, unknown>;
}

/** Every data-access error code → its HTTP status and body; the switch is exhaustive (lint checks it). */
export function toHttpReply(error: AnyDataAccessError): HttpReply {
  switch (error.code) {
    case 'data-access-input-invalid':
      return { status: HttpStatus.BAD_REQUEST, body: { message: error.message, problems: error.problems } };
    case 'not-found':
      return { status: HttpStatus.NOT_FOUND, body: { code: error.code, message: error.message } };
    case 'proposal-not-approved':
      return { status: HttpStatus.CONFLICT, body: { code: error.code, message: error.message } };
    case 'not-the-grantee':
    case 'grant-expired':
    case 'not-covered':
    case 'consent-withdrawn':
      return { status: HttpStatus.FORBIDDEN, body: { code: error.code, message: error.message } };
  }
}

/** The HTTP face of the data-access errors; anything else goes to Nest's default handling. */
@Catch(DataAccessError)
export class DataAccessErrorFilter implements ExceptionFilter<DataAccessError> {
  catch(error: DataAccessError, host: ArgumentsHost): void {
    const { status, body } = toHttpReply(error as AnyDataAccessError);
    host
      .switchToHttp()
      .getResponse<{ status(code: number): { json(body: unknown): void } }>()
      .status(status)
      .json({ statusCode: status, ...body });
  }
}
