import { type ArgumentsHost, Catch, type ExceptionFilter, HttpStatus } from '@nestjs/common';
import { type AnyHoursError, HoursError } from '../../domain/hours-errors';

/** Every hours error code → its HTTP status and body; the switch is exhaustive. */
export function hoursHttpReply(error: AnyHoursError): { status: number; body: Record<string, unknown> } {
  switch (error.code) {
    case 'hours-input-invalid':
      return { status: HttpStatus.BAD_REQUEST, body: { message: error.message, problems: error.problems } };
    case 'not-found':
      return { status: HttpStatus.NOT_FOUND, body: { message: error.message } };
    case 'worker-not-active':
    case 'activity-of-another-organization':
    case 'activity-in-another-community':
    case 'hours-already-recorded':
    case 'hours-settled-otherwise':
      return {
        status: HttpStatus.CONFLICT,
        body: { code: error.code, message: error.message, ...(error.hoursId ? { hoursId: error.hoursId } : {}) },
      };
  }
}

@Catch(HoursError)
export class HoursErrorFilter implements ExceptionFilter<HoursError> {
  catch(error: HoursError, host: ArgumentsHost): void {
    const { status, body } = hoursHttpReply(error as AnyHoursError);
    host
      .switchToHttp()
      .getResponse<{ status(code: number): { json(body: unknown): void } }>()
      .status(status)
      .json({ statusCode: status, ...body });
  }
}
