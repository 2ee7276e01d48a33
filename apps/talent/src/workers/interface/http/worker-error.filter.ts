import { type ArgumentsHost, Catch, type ExceptionFilter, HttpStatus } from '@nestjs/common';
import { type AnyWorkerError, WorkerError } from '../../domain/worker-errors';

/** Every worker error code → its HTTP status and body; the switch is exhaustive. */
export function workerHttpReply(error: AnyWorkerError): { status: number; body: Record<string, unknown> } {
  const { code, message } = error;
  switch (error.code) {
    case 'worker-input-invalid':
      return { status: HttpStatus.BAD_REQUEST, body: { message, problems: error.problems } };
    case 'worker-rule-broken':
      return { status: HttpStatus.UNPROCESSABLE_ENTITY, body: { code, message, problems: error.problems } };
    case 'worker-not-found':
      return { status: HttpStatus.NOT_FOUND, body: { code, message, workerId: error.workerId } };
  }
}

@Catch(WorkerError)
export class WorkerErrorFilter implements ExceptionFilter<WorkerError> {
  catch(error: WorkerError, host: ArgumentsHost): void {
    const { status, body } = workerHttpReply(error as AnyWorkerError);
    host
      .switchToHttp()
      .getResponse<{ status(code: number): { json(body: unknown): void } }>()
      .status(status)
      .json({ statusCode: status, ...body });
  }
}
