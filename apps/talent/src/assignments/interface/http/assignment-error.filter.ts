import { type ArgumentsHost, Catch, type ExceptionFilter, HttpStatus } from '@nestjs/common';
import { AssignmentError, type AnyAssignmentError } from '../../domain/assignment-errors';

/** Every assignments error code → its HTTP status and body; the switch is exhaustive. */
export function assignmentHttpReply(error: AnyAssignmentError): { status: number; body: Record<string, unknown> } {
  switch (error.code) {
    case 'assignment-input-invalid':
      return { status: HttpStatus.BAD_REQUEST, body: { message: error.message, problems: error.problems } };
    case 'assignment-rule-broken':
      return {
        status: HttpStatus.UNPROCESSABLE_ENTITY,
        body: { code: error.code, message: error.message, problems: error.problems },
      };
    case 'not-found':
      return { status: HttpStatus.NOT_FOUND, body: { message: error.message } };
    case 'double-booked':
    case 'certificate-expired':
    case 'role-mismatch':
    case 'not-of-organization':
    case 'activity-cancelled': {
      const conflicting = error.conflictingAssignmentId;
      const body = { code: error.code, message: error.message };
      return {
        status: HttpStatus.CONFLICT,
        body: conflicting ? { ...body, conflictingAssignmentId: conflicting } : body,
      };
    }
  }
}

@Catch(AssignmentError)
export class AssignmentErrorFilter implements ExceptionFilter<AssignmentError> {
  catch(error: AssignmentError, host: ArgumentsHost): void {
    const { status, body } = assignmentHttpReply(error as AnyAssignmentError);
    host
      .switchToHttp()
      .getResponse<{ status(code: number): { json(body: unknown): void } }>()
      .status(status)
      .json({ statusCode: status, ...body });
  }
}
