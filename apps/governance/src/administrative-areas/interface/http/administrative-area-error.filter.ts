import { type ArgumentsHost, Catch, type ExceptionFilter, HttpStatus } from '@nestjs/common';
import { AdministrativeAreaError, type AnyAdministrativeAreaError } from '../../domain/administrative-area-errors';

/** Every area error code → its HTTP status; the switch is exhaustive (lint checks it). */
function statusOf(error: AnyAdministrativeAreaError): number {
  switch (error.code) {
    case 'area-code-invalid':
      return HttpStatus.BAD_REQUEST;
    case 'area-not-found':
      return HttpStatus.NOT_FOUND;
  }
}

/** A malformed code is refused in the platform's 400 shape (the document says so): `problems` names the field. */
const problemsOf = (error: AdministrativeAreaError) =>
  error.code === 'area-code-invalid'
    ? { problems: [{ path: '/params/code', message: error.message.replace(/^\/params\/code /, '') }] }
    : {};

@Catch(AdministrativeAreaError)
export class AdministrativeAreaErrorFilter implements ExceptionFilter<AdministrativeAreaError> {
  catch(error: AdministrativeAreaError, host: ArgumentsHost): void {
    const status = statusOf(error as AnyAdministrativeAreaError);
    host
      .switchToHttp()
      .getResponse<{ status(code: number): { json(body: unknown): void } }>()
      .status(status)
      .json({ statusCode: status, code: error.code, message: error.message, ...problemsOf(error) });
  }
}
