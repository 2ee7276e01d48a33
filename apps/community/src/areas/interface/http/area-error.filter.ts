import { type ArgumentsHost, Catch, type ExceptionFilter, HttpStatus } from '@nestjs/common';
import { type AnyAreaError, AreaError } from '../../domain/area-errors';

/** Every area error code → its HTTP status and body; the switch is exhaustive. */
export function areaHttpReply(error: AnyAreaError): { status: number; body: Record<string, unknown> } {
  switch (error.code) {
    case 'area-input-invalid':
      return { status: HttpStatus.BAD_REQUEST, body: { message: error.message, problems: error.problems } };
    case 'area-not-found':
      return { status: HttpStatus.NOT_FOUND, body: { message: error.message, code: error.areaCode } };
  }
}

@Catch(AreaError)
export class AreaErrorFilter implements ExceptionFilter<AreaError> {
  catch(error: AreaError, host: ArgumentsHost): void {
    const { status, body } = areaHttpReply(error as AnyAreaError);
    host
      .switchToHttp()
      .getResponse<{ status(code: number): { json(body: unknown): void } }>()
      .status(status)
      .json({ statusCode: status, ...body });
  }
}
