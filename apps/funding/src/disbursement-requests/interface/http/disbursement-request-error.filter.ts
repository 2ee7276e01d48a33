import { type ArgumentsHost, Catch, type ExceptionFilter, HttpStatus } from '@nestjs/common';
import { type AnyDisbursementRequestError, DisbursementRequestError } from '../../domain/disbursement-request-errors';

/** Every disbursement request error code → its HTTP status and body (with the figures); the switch is exhaustive. */
export function disbursementRequestHttpReply(error: AnyDisbursementRequestError): {
  status: number;
  body: Record<string, unknown>;
} {
  switch (error.code) {
    case 'request-input-invalid':
      return { status: HttpStatus.BAD_REQUEST, body: { message: error.message, problems: error.problems } };
    case 'grant-not-found':
      return { status: HttpStatus.NOT_FOUND, body: { code: error.code, message: error.message } };
    case 'grant-not-active':
    case 'tranche-not-paid':
    case 'amount-exceeds-paid':
      return { status: HttpStatus.CONFLICT, body: { ...error.conflict } };
    case 'already-objected':
    case 'cancellation-pending':
      return { status: HttpStatus.CONFLICT, body: { code: error.code, message: error.message } };
  }
}

@Catch(DisbursementRequestError)
export class DisbursementRequestErrorFilter implements ExceptionFilter<DisbursementRequestError> {
  catch(error: DisbursementRequestError, host: ArgumentsHost): void {
    const { status, body } = disbursementRequestHttpReply(error as AnyDisbursementRequestError);
    host
      .switchToHttp()
      .getResponse<{ status(code: number): { json(body: unknown): void } }>()
      .status(status)
      .json({ statusCode: status, ...body });
  }
}
