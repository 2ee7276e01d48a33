import { type ArgumentsHost, Catch, type ExceptionFilter, HttpStatus } from '@nestjs/common';
import { type AnyDisbursementRequestError, DisbursementRequestError } from '../../domain/disbursement-request-errors';

/** Every disbursement request error code → its HTTP status and body; the switch is exhaustive. */
export function disbursementRequestHttpReply(error: AnyDisbursementRequestError): {
  status: number;
  body: Record<string, unknown>;
} {
  switch (error.code) {
    case 'request-input-invalid':
      return { status: HttpStatus.BAD_REQUEST, body: { message: error.message, problems: error.problems } };
    case 'already-objected':
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
