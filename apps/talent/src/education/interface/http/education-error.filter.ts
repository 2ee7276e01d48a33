import { type ArgumentsHost, Catch, type ExceptionFilter, HttpStatus } from '@nestjs/common';
import { type AnyEducationError, EducationError } from '../../domain/education-errors';

/** Every continuing-education error code → its HTTP status and body; the switch is exhaustive. */
export function educationHttpReply(error: AnyEducationError): { status: number; body: Record<string, unknown> } {
  const { code, message } = error;
  switch (error.code) {
    case 'education-input-invalid':
      return { status: HttpStatus.BAD_REQUEST, body: { message, problems: error.problems } };
    case 'education-rule-broken':
      return { status: HttpStatus.UNPROCESSABLE_ENTITY, body: { code, message, problems: error.problems } };
    case 'program-not-found':
      return { status: HttpStatus.NOT_FOUND, body: { code, message, programId: error.programId } };
    case 'worker-not-found':
      return { status: HttpStatus.NOT_FOUND, body: { code, message, workerId: error.workerId } };
    case 'program-exists':
      return { status: HttpStatus.CONFLICT, body: { code, message, programId: error.programId } };
    case 'completion-exists': {
      const { workerId, programId, completedOn } = error;
      return { status: HttpStatus.CONFLICT, body: { code, message, workerId, programId, completedOn } };
    }
  }
}

@Catch(EducationError)
export class EducationErrorFilter implements ExceptionFilter<EducationError> {
  catch(error: EducationError, host: ArgumentsHost): void {
    const { status, body } = educationHttpReply(error as AnyEducationError);
    host
      .switchToHttp()
      .getResponse<{ status(code: number): { json(body: unknown): void } }>()
      .status(status)
      .json({ statusCode: status, ...body });
  }
}
