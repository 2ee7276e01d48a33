import { type ArgumentsHost, Catch, type ExceptionFilter, HttpStatus } from '@nestjs/common';
import { type AnyEvaluationError, EvaluationError } from '../../domain/evaluation-errors';

interface HttpReply {
  status: number;
  body: Record<string, unknown>;
}

/** Every evaluation error code → its HTTP status and body; the switch is exhaustive (lint checks it). */
export function toHttpReply(error: AnyEvaluationError): HttpReply {
  switch (error.code) {
    case 'evaluation-input-invalid':
      return { status: HttpStatus.BAD_REQUEST, body: { message: error.message, problems: error.problems } };
    case 'weights-rule-broken':
      return {
        status: HttpStatus.UNPROCESSABLE_ENTITY,
        body: { code: error.code, message: error.message, problems: error.problems },
      };
    case 'activity-not-found':
    case 'community-not-found':
    case 'organization-not-rated':
      return { status: HttpStatus.NOT_FOUND, body: { code: error.code, message: error.message } };
    case 'evaluator-not-allowed':
    case 'own-organization':
      return { status: HttpStatus.FORBIDDEN, body: { code: error.code, message: error.message } };
    case 'evaluation-closed':
    case 'already-evaluated':
    case 'not-a-participant':
      return { status: HttpStatus.CONFLICT, body: { code: error.code, message: error.message } };
  }
}

/** The HTTP face of the evaluation errors; anything else goes to Nest's default handling. */
@Catch(EvaluationError)
export class EvaluationErrorFilter implements ExceptionFilter<EvaluationError> {
  catch(error: EvaluationError, host: ArgumentsHost): void {
    const { status, body } = toHttpReply(error as AnyEvaluationError);
    host
      .switchToHttp()
      .getResponse<{ status(code: number): { json(body: unknown): void } }>()
      .status(status)
      .json({ statusCode: status, ...body });
  }
}
