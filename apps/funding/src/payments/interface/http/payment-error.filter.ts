import { type ArgumentsHost, Catch, type ExceptionFilter, HttpStatus } from '@nestjs/common';
import { type AnyPaymentError, PaymentError } from '../../domain/payment-errors';

/** Every payment error code → its HTTP status and body; the switch is exhaustive (lint checks it). */
export function paymentHttpReply(error: AnyPaymentError): { status: number; body: Record<string, unknown> } {
  switch (error.code) {
    case 'PaymentInputInvalid':
      return { status: HttpStatus.BAD_REQUEST, body: { message: error.message, problems: error.problems } };
    case 'GrantNotFound':
    case 'PaymentNotFound':
    case 'TrancheNotFound':
      return { status: HttpStatus.NOT_FOUND, body: { code: error.code, message: error.message } };
    case 'GrantNotActive':
    case 'PaymentNotFailed':
      return { status: HttpStatus.CONFLICT, body: { code: error.code, message: error.message } };
  }
}

@Catch(PaymentError)
export class PaymentErrorFilter implements ExceptionFilter<PaymentError> {
  catch(error: PaymentError, host: ArgumentsHost): void {
    const { status, body } = paymentHttpReply(error as AnyPaymentError);
    host
      .switchToHttp()
      .getResponse<{ status(code: number): { json(body: unknown): void } }>()
      .status(status)
      .json({ statusCode: status, ...body });
  }
}
