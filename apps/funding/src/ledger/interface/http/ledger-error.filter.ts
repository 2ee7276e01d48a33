import { type ArgumentsHost, Catch, type ExceptionFilter, HttpStatus } from '@nestjs/common';
import { LedgerError } from '../../domain/ledger-errors';

/**
 * Every ledger error code → its HTTP status and body; the switch is exhaustive. Features whose use cases
 * post (programs, grants, payments) add LedgerErrorFilter to their controllers' @UseFilters.
 */
export function ledgerHttpReply(error: LedgerError): { status: number; body: Record<string, unknown> } {
  const body = { code: error.code, message: error.message, ...(error.detail ?? {}) };
  switch (error.code) {
    case 'idempotency-conflict':
    case 'insufficient-funds':
    case 'award-exceeded':
      return { status: HttpStatus.CONFLICT, body };
    case 'currency-mismatch':
    case 'invalid-posting':
      return { status: HttpStatus.BAD_REQUEST, body };
    case 'unknown-account':
      return { status: HttpStatus.NOT_FOUND, body };
  }
}

@Catch(LedgerError)
export class LedgerErrorFilter implements ExceptionFilter<LedgerError> {
  catch(error: LedgerError, host: ArgumentsHost): void {
    const { status, body } = ledgerHttpReply(error);
    host
      .switchToHttp()
      .getResponse<{ status(code: number): { json(body: unknown): void } }>()
      .status(status)
      .json({ statusCode: status, ...body });
  }
}
