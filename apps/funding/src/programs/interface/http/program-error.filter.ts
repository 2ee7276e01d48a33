import { type ArgumentsHost, Catch, type ExceptionFilter, HttpStatus } from '@nestjs/common';
import { type AnyProgramError, ProgramError } from '../../domain/program-errors';

/** Every program error code → its HTTP status and body; the switch is exhaustive. */
export function programHttpReply(error: AnyProgramError): { status: number; body: Record<string, unknown> } {
  const { code, message } = error;
  switch (error.code) {
    case 'program-input-invalid':
      return { status: HttpStatus.BAD_REQUEST, body: { message, problems: error.problems } };
    case 'program-not-found':
      return { status: HttpStatus.NOT_FOUND, body: { code, message, programId: error.programId } };
    case 'program-closed':
      return { status: HttpStatus.CONFLICT, body: { code, message, programId: error.programId } };
  }
}

@Catch(ProgramError)
export class ProgramErrorFilter implements ExceptionFilter<ProgramError> {
  catch(error: ProgramError, host: ArgumentsHost): void {
    const { status, body } = programHttpReply(error as AnyProgramError);
    host
      .switchToHttp()
      .getResponse<{ status(code: number): { json(body: unknown): void } }>()
      .status(status)
      .json({ statusCode: status, ...body });
  }
}
