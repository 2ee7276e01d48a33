import { type ArgumentsHost, Catch, type ExceptionFilter, HttpStatus } from '@nestjs/common';
import { type AnyAssessmentError, AssessmentError } from '../../domain/assessment-errors';

/** Every assessments error code → its HTTP status and body; the switch is exhaustive. */
export function assessmentHttpReply(error: AnyAssessmentError): { status: number; body: Record<string, unknown> } {
  switch (error.code) {
    case 'assessment-input-invalid':
      return { status: HttpStatus.BAD_REQUEST, body: { message: error.message, problems: error.problems } };
    case 'not-found':
      return { status: HttpStatus.NOT_FOUND, body: { message: error.message } };
    case 'assessor-unbound':
    case 'decision-closed':
    case 'wrong-round':
    case 'already-voted':
    case 'already-requested':
    case 'not-a-tranche': {
      const body = { code: error.code, message: error.message };
      return { status: HttpStatus.CONFLICT, body: error.eventId ? { ...body, eventId: error.eventId } : body };
    }
  }
}

@Catch(AssessmentError)
export class AssessmentErrorFilter implements ExceptionFilter<AssessmentError> {
  catch(error: AssessmentError, host: ArgumentsHost): void {
    const { status, body } = assessmentHttpReply(error as AnyAssessmentError);
    host
      .switchToHttp()
      .getResponse<{ status(code: number): { json(body: unknown): void } }>()
      .status(status)
      .json({ statusCode: status, ...body });
  }
}
